package dev.podloom.storage;

import java.time.Instant;

/** What a store knows about an object without reading it. */
public record StoredObject(String key, long size, String contentType, Instant lastModified) {
}
