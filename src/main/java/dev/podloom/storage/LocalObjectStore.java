package dev.podloom.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps objects as files under {@code root} (e.g. {@code ${podloom.data-dir}/objects}); each object's
 * content type sits in a sidecar file under {@code root/.meta}, a folder no valid key can reach because
 * key segments never start with a dot. Download links point at {@link LocalFileController}.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final Path root;
    private final Path metaRoot;
    private final DownloadLinkSigner signer;
    /** Asked per link: the server's own address is only known once it has started (and may be a random port). */
    private final Supplier<String> publicBaseUrl;

    public LocalObjectStore(Path root, DownloadLinkSigner signer, String publicBaseUrl) {
        this(root, signer, () -> publicBaseUrl);
    }

    public LocalObjectStore(Path root, DownloadLinkSigner signer, Supplier<String> publicBaseUrl) {
        this.root = root.toAbsolutePath().normalize();
        this.metaRoot = this.root.resolve(".meta");
        this.signer = signer;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public void put(String key, Path file, String contentType) {
        Path target = pathOf(root, key);
        try {
            writeAtomically(pathOf(metaRoot, key), tmp -> Files.writeString(tmp, contentType, StandardCharsets.UTF_8));
            writeAtomically(target, tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store object " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path file = pathOf(root, key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new StoredObject(key, attributes.size(), contentType(key),
                    attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read object " + key, e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        Path file = pathOf(root, key);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            if (offset < 0 || length < 0 || offset + length > channel.size()) {
                throw new IllegalArgumentException("Range " + offset + "+" + length + " is outside object " + key);
            }
            return new BoundedInputStream(Channels.newInputStream(channel.position(offset)), length);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot read object " + key, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(root, key));
            Files.deleteIfExists(pathOf(metaRoot, key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete object " + key, e);
        }
    }

    @Override
    public URI downloadUrl(String key, Duration ttl, String downloadFileName) {
        ObjectKeys.requireValid(key);
        DownloadLinkSigner.SignedLink link = signer.sign(key, ttl, downloadFileName);
        String base = publicBaseUrl.get();
        StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .append("/files/").append(key)
                .append("?expires=").append(link.expires())
                .append("&signature=").append(link.signature());
        if (downloadFileName != null) {
            url.append("&filename=").append(URLEncoder.encode(downloadFileName, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(url.toString());
    }

    private String contentType(String key) throws IOException {
        try {
            return Files.readString(pathOf(metaRoot, key), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return DEFAULT_CONTENT_TYPE;
        }
    }

    private static Path pathOf(Path base, String key) {
        Path path = base.resolve(ObjectKeys.requireValid(key)).normalize();
        if (!path.startsWith(base)) { // defence in depth: the key rules already exclude this
            throw new IllegalArgumentException("Invalid object key: " + key);
        }
        return path;
    }

    private interface FileWriter {
        void write(Path temp) throws IOException;
    }

    /** Readers see either the old or the new file, never a half-written one. */
    private static void writeAtomically(Path target, FileWriter writer) throws IOException {
        Files.createDirectories(target.getParent());
        // A dot-prefixed name can never be a key, so a leftover temp file cannot be mistaken for an object.
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original error is the one worth reporting
            }
        }
    }
}
