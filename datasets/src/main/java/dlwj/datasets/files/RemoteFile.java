package dlwj.datasets.files;

import java.net.URI;
import java.util.Optional;

/**
 * One file of a dataset: where Keras downloads it from, where it is cached, and how it is checked.
 *
 * @param cachePath relative path below the cache root, laid out as Keras lays out {@code ~/.keras}
 *                  (for example {@code datasets/reuters.npz}), so Keras' own cache can be reused
 * @param origin    the canonical URL (the one Keras uses)
 * @param checksum  the published hash, or {@code null} where none is published
 * @param size      the published file's size in bytes: a download is cut off past {@link #maxBytes()}
 * @param validator the structural check of the contents
 */
public record RemoteFile(String cachePath, URI origin, Checksum checksum, long size, FileValidator validator) {

    public static RemoteFile of(String cachePath, String origin, Checksum checksum, long size,
                                FileValidator validator) {
        return new RemoteFile(cachePath, URI.create(origin), checksum, size, validator);
    }

    /** The file's name, which is also its name in a mirror and the key of a local-file override. */
    public String fileName() {
        return cachePath.substring(cachePath.lastIndexOf('/') + 1);
    }

    public Optional<Checksum> publishedChecksum() {
        return Optional.ofNullable(checksum);
    }

    /**
     * The most a download of this file may bring: the published size and an eighth more, room for a copy
     * re-packed by a mirror, not for a server that keeps sending.
     */
    public long maxBytes() {
        return size + size / 8;
    }
}
