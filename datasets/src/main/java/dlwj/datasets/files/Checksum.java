package dlwj.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A published file hash, as Keras' {@code get_file(file_hash=...)} takes it: SHA-256 or MD5, in hex.
 *
 * @param algorithm the {@link MessageDigest} algorithm name, {@code SHA-256} or {@code MD5}
 * @param hex       the expected digest in lower-case hex
 */
public record Checksum(String algorithm, String hex) {

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        newDigest(algorithm);
    }

    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex);
    }

    /** Hashes the file with this checksum's algorithm. */
    public String compute(Path file) throws IOException {
        return digest(algorithm, file);
    }

    /** Hashes the file with the {@link MessageDigest} algorithm, in lower-case hex. */
    public static String digest(String algorithm, Path file) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public boolean matches(Path file) throws IOException {
        return hex.equals(compute(file));
    }

    @Override
    public String toString() {
        return algorithm.toLowerCase(Locale.ROOT).replace("-", "") + " " + hex;
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("Unknown checksum algorithm: " + algorithm, e);
        }
    }
}
