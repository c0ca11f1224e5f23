package dlwj.datasets.files;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads archives as the data files come in them, a zip ({@code cats_and_dogs_filtered.zip},
 * {@code glove.6B.zip}) or a gzipped tar ({@code aclImdb_v1.tar.gz}), checking every byte it reads: each
 * zip entry against the CRC-32 and size the zip declares for it (which Java's {@link ZipFile} leaves
 * unchecked), a tar.gz against gzip's CRC-32 and length at its end, which a truncated or damaged download
 * fails. An entry whose path leaves the archive ({@code ../}, an absolute path) and a tar entry that is
 * not a regular file or folder (a link, a device) are refused.
 * <p>
 * {@link #extractFolder} extracts one top-level folder into place atomically: into a temporary folder
 * beside the target first, the folder checked, a {@link #MARKER} naming the archive's SHA-256 written last,
 * then renamed, so an interrupted extraction never leaves a half folder and a folder always says which
 * archive it came from.
 */
public final class ArchiveExtraction {

    /** The file in an extracted folder that holds the SHA-256 of the archive it was extracted from. */
    public static final String MARKER = ".extracted-from";

    /** Reads one entry of an archive, from a stream that is checked as it is read. */
    @FunctionalInterface
    public interface EntryReader<T> {
        T read(InputStream content) throws IOException;
    }

    /** What is done with each regular file of an archive, in the archive's order. */
    @FunctionalInterface
    private interface FileVisitor {
        void visit(String name, InputStream content) throws IOException;
    }

    private ArchiveExtraction() {
    }

    /**
     * Extracts {@code folder} of {@code archive} (a zip or a tar.gz), whose SHA-256 is
     * {@code archiveHash}, to {@code target}, replacing what is there; entries outside {@code folder} are
     * left out.
     */
    static void extractFolder(Path archive, String archiveHash, String folder, Path target, FileValidator check)
            throws IOException {
        Path temporary = AtomicFiles.temporaryFolder(target);
        try {
            forEachFile(archive, (name, content) -> {
                if (!name.startsWith(folder + "/")) {
                    return;
                }
                Path destination = temporary.resolve(name);
                Files.createDirectories(destination.getParent());
                try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW)) {
                    content.transferTo(out);
                }
            });
            Path extracted = temporary.resolve(folder);
            if (!Files.isDirectory(extracted)) {
                throw new InvalidDataFileException(archive.getFileName() + " has no folder " + folder);
            }
            try {
                check.validate(extracted);
            } catch (InvalidDataFileException e) { // it names the temporary folder: name the archive's entry
                throw new InvalidDataFileException(String.valueOf(e.getMessage())
                        .replace(temporary + File.separator, archive.getFileName() + ": "), e);
            }
            List<String> record = new ArrayList<>();
            record.add(archiveHash);
            record.addAll(FolderListing.of(extracted));
            Files.write(extracted.resolve(MARKER), record, StandardCharsets.UTF_8);
            AtomicFiles.deleteTree(target);
            Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            AtomicFiles.deleteTree(temporary);
        }
    }

    /**
     * Reads every entry of {@code archive} (a zip or a tar.gz), failing with
     * {@link InvalidDataFileException} on the first one whose bytes are not those the archive declares
     * (damaged, truncated, flipped bits), that leaves the archive, or that is neither a regular file nor a
     * folder. Returns the names of its regular files, in the archive's order.
     */
    public static List<String> verifyEntries(Path archive) throws IOException {
        List<String> names = new ArrayList<>();
        forEachFile(archive, (name, content) -> {
            names.add(name);
            content.transferTo(OutputStream.nullOutputStream());
        });
        return names;
    }

    /**
     * {@code reader}'s result on the entry {@code name} of the zip {@code zipFile}, streamed out of the zip
     * without extracting anything; what {@code reader} leaves unread is read too, so the whole entry is
     * checked against its CRC-32 and size before the result is returned.
     */
    public static <T> T readEntry(Path zipFile, String name, EntryReader<T> reader) throws IOException {
        requireEntries(zipFile, name);
        try (ZipFile zip = open(zipFile)) {
            ZipEntry entry = zip.getEntry(name);
            try (InputStream in = VerifiedZipEntry.open(zipFile, zip, entry)) {
                T result = reader.read(new ArchiveReadStream(zipFile, in));
                in.transferTo(OutputStream.nullOutputStream());
                return result;
            }
        }
    }

    /**
     * Fails unless the zip {@code zipFile} has files named {@code names}: a check of its directory alone,
     * for files whose entries are checked as they are read ({@link #readEntry}).
     */
    public static void requireEntries(Path zipFile, String... names) throws IOException {
        try (ZipFile zip = open(zipFile)) {
            for (String name : names) {
                ZipEntry entry = zip.getEntry(name);
                if (entry == null || entry.isDirectory()) {
                    throw new InvalidDataFileException(zipFile.getFileName() + " has no entry " + name);
                }
            }
        }
    }

    /**
     * Fails unless every file that the zip {@code zipFile} holds under {@code folder}/ is in {@code extracted}
     * with the size and CRC-32 the zip declares for it: damage that decodes without a warning (a few zeroed
     * bytes in a picture) told by the archive the folder came from.
     */
    static void requireFilesOf(Path zipFile, String folder, Path extracted) throws IOException {
        try (ZipFile zip = open(zipFile)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = requireInside(zipFile, entry.getName());
                if (entry.isDirectory() || !name.startsWith(folder + "/")) {
                    continue;
                }
                Path file = extracted.resolve(name.substring(folder.length() + 1));
                if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
                    throw new InvalidDataFileException(file + " is missing or not the size of " + name + " in "
                            + zipFile.getFileName());
                }
                CRC32 crc = new CRC32();
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        crc.update(buffer, 0, n);
                    }
                }
                if (crc.getValue() != entry.getCrc()) {
                    throw new InvalidDataFileException(String.format("%s differs from %s in %s (CRC-32 %08x instead of "
                            + "%08x)", file, name, zipFile.getFileName(), crc.getValue(), entry.getCrc()));
                }
            }
        }
    }

    /**
     * The SHA-256 of the archive {@code folder} was extracted from, as its {@link #MARKER} records it; empty
     * when the folder has no marker (extracted by Keras, or interrupted).
     */
    static Optional<String> sourceArchiveHash(Path folder) throws IOException {
        return marker(folder).stream().findFirst();
    }

    /**
     * What changed in {@code folder} since it was extracted and checked: a file added, removed, resized or
     * rewritten, by the listing its {@link #MARKER} records; empty when nothing did.
     */
    static Optional<String> changedSinceExtraction(Path folder) throws IOException {
        List<String> marker = marker(folder);
        List<String> recorded = marker.isEmpty() ? List.of() : marker.subList(1, marker.size());
        return FolderListing.difference(recorded, FolderListing.of(folder));
    }

    private static List<String> marker(Path folder) throws IOException {
        Path marker = folder.resolve(MARKER);
        return Files.isRegularFile(marker) ? Files.readAllLines(marker, StandardCharsets.UTF_8) : List.of();
    }

    /** Copies one entry, failing when its bytes are not the ones the zip's directory declares. */
    public static void copyVerified(Path zipFile, ZipFile zip, ZipEntry entry, OutputStream out) throws IOException {
        try (InputStream in = openVerified(zipFile, zip, entry)) {
            in.transferTo(out);
        }
    }

    /**
     * One entry's bytes, whose read of the end fails ({@link InvalidDataFileException}) when they are not
     * the ones the zip's directory declares (CRC-32 and size): read it to its end.
     */
    public static InputStream openVerified(Path zipFile, ZipFile zip, ZipEntry entry) throws IOException {
        return VerifiedZipEntry.open(zipFile, zip, entry);
    }

    /**
     * Whether {@code archive} is a gzipped tar rather than a zip: by its first bytes, so a file given under
     * another name ({@code --local-file aclImdb_v1.tar.gz=/downloads/imdb}) is read as what it is, or else
     * by its name, so a tar.gz too short to tell is reported as a damaged tar.gz.
     */
    static boolean isTarGz(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] magic = in.readNBytes(2);
            if (magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
                return true;
            }
        }
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    private static void forEachFile(Path archive, FileVisitor visitor) throws IOException {
        if (isTarGz(archive)) {
            forEachTarFile(archive, visitor);
        } else {
            forEachZipFile(archive, visitor);
        }
    }

    private static void forEachZipFile(Path zipFile, FileVisitor visitor) throws IOException {
        try (ZipFile zip = open(zipFile)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = requireInside(zipFile, entry.getName());
                if (!entry.isDirectory()) {
                    try (InputStream in = VerifiedZipEntry.open(zipFile, zip, entry)) {
                        visitor.visit(name, new ArchiveReadStream(zipFile, in));
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
        }
    }

    /**
     * Walks a tar.gz in one pass. A read that fails (a truncated file, a damaged gzip stream or tar header)
     * is reported as a damaged archive; a write that fails (a full disk) is not, as it propagates unchanged.
     * After the tar's last entry the gzip stream is read to its end, where its CRC-32 and length are checked.
     */
    private static void forEachTarFile(Path tarGz, FileVisitor visitor) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarGz), 1 << 16);
             InputStream rawGzip = gzip(tarGz, file);
             InputStream gzip = new ArchiveReadStream(tarGz, rawGzip);
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            InputStream content = new ArchiveReadStream(tarGz, tar);
            for (TarArchiveEntry entry; (entry = nextTarEntry(tarGz, tar)) != null; ) {
                String name = requireInside(tarGz, entry.getName());
                if (entry.isDirectory()) {
                    continue;
                }
                if (!isRegularFile(entry)) {
                    throw new InvalidDataFileException(tarGz.getFileName() + " has an entry that is not a regular "
                            + "file: " + entry.getName() + " (" + kind(entry) + ")");
                }
                visitor.visit(name, content);
                content.transferTo(OutputStream.nullOutputStream());
            }
            gzip.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static InputStream gzip(Path tarGz, InputStream file) throws IOException {
        try {
            return new GzipCompressorInputStream(file);
        } catch (IOException e) {
            throw damaged(tarGz, e);
        }
    }

    private static TarArchiveEntry nextTarEntry(Path tarGz, TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextTarEntry();
        } catch (InvalidDataFileException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) { // a damaged header can be either
            throw damaged(tarGz, e);
        }
    }

    /** Whether a tar entry that is not a folder is a plain file (commons-compress 1.21's isFile() says so of links too). */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink() && !entry.isCharacterDevice()
                && !entry.isBlockDevice() && !entry.isFIFO();
    }

    private static String kind(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "a symbolic link to " + entry.getLinkName();
        }
        if (entry.isLink()) {
            return "a hard link to " + entry.getLinkName();
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice()) {
            return "a device";
        }
        return entry.isFIFO() ? "a named pipe" : "neither a file nor a folder";
    }

    /** {@code name} normalized, failing when it points outside the archive's root. */
    private static String requireInside(Path archive, String name) throws InvalidDataFileException {
        Path root = Path.of("/archive-root");
        try {
            Path resolved = root.resolve(name).normalize();
            if (resolved.startsWith(root)) {
                return root.relativize(resolved).toString().replace('\\', '/');
            }
        } catch (InvalidPathException e) {
            // as outside: a name no folder can hold
        }
        throw new InvalidDataFileException(archive.getFileName() + " has an entry outside its folder: " + name);
    }

    private static ZipFile open(Path zipFile) throws IOException {
        try {
            return new ZipFile(zipFile.toFile());
        } catch (ZipException e) {
            throw new InvalidDataFileException(zipFile.getFileName() + " is not a valid zip: " + e.getMessage(), e);
        }
    }

    private static InvalidDataFileException damaged(Path archive, Exception e) {
        String what = e instanceof EOFException || e.getMessage() == null ? "it ends early" : e.getMessage();
        return new InvalidDataFileException(archive.getFileName() + " is truncated or damaged (" + what + ")", e);
    }

    private static InvalidDataFileException corrupt(Path zipFile, ZipEntry entry, String what) {
        return new InvalidDataFileException(zipFile.getFileName() + " is damaged: its entry " + entry.getName() + " has " + what);
    }

    /**
     * A stream of an archive whose read failures say that the archive is damaged, naming it; closing it
     * leaves the archive's own stream open, for the walk to go on.
     */
    private static final class ArchiveReadStream extends FilterInputStream {
        private final Path archive;

        ArchiveReadStream(Path archive, InputStream in) {
            super(in);
            this.archive = archive;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InvalidDataFileException e) {
                throw e;
            } catch (IOException e) {
                throw damaged(archive, e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (InvalidDataFileException e) {
                throw e;
            } catch (IOException e) {
                throw damaged(archive, e);
            }
        }

        @Override
        public void close() {
            // the walk closes the archive's stream
        }
    }

    /** A zip entry's bytes, checked against its CRC-32 and size when the end is read. */
    private static final class VerifiedZipEntry extends FilterInputStream {
        private final Path zipFile;
        private final ZipEntry entry;
        private final CRC32 crc = new CRC32();
        private long size;
        private boolean checked;

        private VerifiedZipEntry(Path zipFile, ZipEntry entry, InputStream in) {
            super(in);
            this.zipFile = zipFile;
            this.entry = entry;
        }

        static VerifiedZipEntry open(Path zipFile, ZipFile zip, ZipEntry entry) throws IOException {
            try {
                return new VerifiedZipEntry(zipFile, entry, zip.getInputStream(entry));
            } catch (ZipException e) {
                throw corrupt(zipFile, entry, String.valueOf(e.getMessage()));
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (ZipException | EOFException e) {
                throw corrupt(zipFile, entry, String.valueOf(e.getMessage()));
            }
            if (n > 0) {
                crc.update(buffer, offset, n);
                size += n;
            } else if (n < 0 && length > 0) {
                check();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 1 << 13)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        private void check() throws InvalidDataFileException {
            if (checked) {
                return;
            }
            checked = true;
            if (entry.getSize() >= 0 && size != entry.getSize()) {
                throw corrupt(zipFile, entry, size + " bytes instead of " + entry.getSize());
            }
            if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
                throw corrupt(zipFile, entry, String.format("CRC-32 %08x instead of %08x", crc.getValue(),
                        entry.getCrc()));
            }
        }
    }
}
