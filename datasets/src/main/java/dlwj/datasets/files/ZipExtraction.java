package dlwj.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one top-level folder of a zip into place atomically: into a temporary folder beside the
 * target first, each entry checked against the CRC-32 and size the zip declares for it (which Java's
 * {@link ZipFile} leaves unchecked), the folder checked, a {@link #MARKER} naming the archive's SHA-256
 * written last, then renamed, so an interrupted extraction never leaves a half folder and a folder always
 * says which archive it came from.
 */
public final class ZipExtraction {

    /** The file in an extracted folder that holds the SHA-256 of the archive it was extracted from. */
    public static final String MARKER = ".extracted-from";

    private static final Logger log = LoggerFactory.getLogger(ZipExtraction.class);

    private ZipExtraction() {
    }

    /**
     * Extracts {@code folder} of {@code zipFile}, whose SHA-256 is {@code archiveHash}, to {@code target},
     * replacing what is there.
     */
    static void extractFolder(Path zipFile, String archiveHash, String folder, Path target, FileValidator check)
            throws IOException {
        Path temporary = AtomicFiles.temporaryFolder(target);
        try {
            log.info("Extracting {} from {}", folder, zipFile.getFileName());
            try (ZipFile zip = new ZipFile(zipFile.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!entry.getName().startsWith(folder + "/") || entry.isDirectory()) {
                        continue;
                    }
                    Path destination = temporary.resolve(entry.getName()).normalize();
                    if (!destination.startsWith(temporary)) {
                        throw new InvalidDataFileException(zipFile.getFileName() + " has an entry outside its folder: "
                                + entry.getName());
                    }
                    Files.createDirectories(destination.getParent());
                    try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW)) {
                        copyVerified(zipFile, zip, entry, out);
                    }
                }
            }
            Path extracted = temporary.resolve(folder);
            check.validate(extracted);
            Files.writeString(extracted.resolve(MARKER), archiveHash + "\n", StandardCharsets.US_ASCII);
            AtomicFiles.deleteTree(target);
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            AtomicFiles.deleteTree(temporary);
        }
    }

    /**
     * Reads every entry of {@code zipFile}, failing with {@link InvalidDataFileException} on the first one
     * whose bytes are not those its directory declares (damaged, truncated, flipped bits).
     */
    public static void verifyEntries(Path zipFile) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                copyVerified(zipFile, zip, entries.nextElement(), OutputStream.nullOutputStream());
            }
        } catch (ZipException e) {
            throw new InvalidDataFileException(zipFile.getFileName() + " is not a valid zip: " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 of the archive {@code folder} was extracted from, as its {@link #MARKER} records it; empty
     * when the folder has no marker (extracted by Keras, or by an older version of this project).
     */
    static Optional<String> sourceArchiveHash(Path folder) throws IOException {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(marker, StandardCharsets.US_ASCII).strip());
    }

    /** Copies one entry, failing when its bytes are not the ones the zip's directory declares. */
    public static void copyVerified(Path zipFile, ZipFile zip, ZipEntry entry, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        long size;
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            size = in.transferTo(out);
        } catch (ZipException e) {
            throw corrupt(zipFile, entry, e.getMessage());
        }
        if (entry.getSize() >= 0 && size != entry.getSize()) {
            throw corrupt(zipFile, entry, size + " bytes instead of " + entry.getSize());
        }
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw corrupt(zipFile, entry, String.format("CRC-32 %08x instead of %08x", crc.getValue(), entry.getCrc()));
        }
    }

    private static InvalidDataFileException corrupt(Path zipFile, ZipEntry entry, String what) {
        return new InvalidDataFileException(zipFile.getFileName() + " is damaged: its entry " + entry.getName() + " has " + what);
    }
}
