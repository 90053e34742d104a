package dev.podloom.accounts;

import java.time.Instant;
import java.util.UUID;

public record Account(UUID id, String name, String tier, long balance, Instant createdAt) {
}
