package dev.podloom.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Stores immutable blobs (episode audio, transcripts) under slash-separated keys such as
 * {@code podcasts/pod_123/episode.mp3}. Keys are checked by {@link ObjectKeys#requireValid(String)}.
 */
public interface ObjectStore {

    /** Stores a copy of {@code file} under {@code key}, replacing any object already there. */
    void put(String key, Path file, String contentType);

    Optional<StoredObject> stat(String key);

    /**
     * Opens {@code length} bytes starting at {@code offset}; the range must lie inside the object.
     *
     * @throws ObjectNotFoundException when there is no object under {@code key}
     */
    InputStream open(String key, long offset, long length);

    /** Removes the object; removing a missing object is not an error. */
    void delete(String key);

    /**
     * A link anyone can GET for {@code ttl} without credentials; each call mints a fresh one.
     *
     * @param downloadFileName the file name a browser should offer, or {@code null} for the key's last segment
     */
    URI downloadUrl(String key, Duration ttl, String downloadFileName);
}
