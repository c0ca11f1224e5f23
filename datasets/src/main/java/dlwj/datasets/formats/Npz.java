package dlwj.datasets.formats;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.FileValidator;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Reads numpy's {@code .npz} archives: a zip of {@code .npy} files, one per named array. */
public final class Npz {

    private Npz() {
    }

    /** Reads the named arrays ({@code x_train}, not {@code x_train.npy}), in the order asked. */
    public static Map<String, NpyArray> read(Path file, String... names) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (String name : names) {
                ZipEntry entry = entry(zip, file, name);
                String where = file.getFileName() + ": " + entry.getName();
                arrays.put(name, readEntry(file, zip, entry, where, in -> Npy.read(in, entry.getSize(), where)));
            }
        }
        return arrays;
    }

    /**
     * The structural check of an npz: a readable zip holding every named array, each with a valid header
     * that declares no more data than its entry holds (the data itself is not read).
     */
    public static FileValidator holding(String... names) {
        return file -> {
            try (ZipFile zip = open(file)) {
                for (String name : names) {
                    ZipEntry entry = entry(zip, file, name);
                    String where = file.getFileName() + ": " + entry.getName();
                    readEntry(file, zip, entry, where, in -> Npy.header(new DataInputStream(in), entry.getSize(), where));
                }
            }
        };
    }

    /** What is read from one entry's stream. */
    private interface EntryReader<T> {
        T read(InputStream in) throws IOException;
    }

    /**
     * Reads one entry, then what {@code reader} left of it, so that its bytes are checked against the CRC-32
     * and size the zip declares; a zip-level failure (bad compressed data, CRC) names the entry.
     */
    private static <T> T readEntry(Path file, ZipFile zip, ZipEntry entry, String where, EntryReader<T> reader)
            throws IOException {
        try (InputStream in = ArchiveExtraction.openVerified(file, zip, entry)) {
            T result = reader.read(in);
            in.transferTo(OutputStream.nullOutputStream());
            return result;
        } catch (ZipException e) {
            throw new InvalidDataFileException(where + " is damaged in the archive (" + e.getMessage() + ")", e);
        }
    }

    /** The names of the arrays in the archive. */
    public static List<String> names(Path file) throws IOException {
        try (ZipFile zip = open(file)) {
            return zip.stream().map(ZipEntry::getName).map(n -> n.replaceFirst("\\.npy$", "")).toList();
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new InvalidDataFileException(file.getFileName() + " is not a valid .npz (zip) archive: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The entry of array {@code name}, refused when it claims to inflate to more than
     * {@link Npy#maxInflated} of its compressed bytes: no data of this project compresses so well, and a
     * damaged or hostile file would have the reader allocate what it claims.
     */
    private static ZipEntry entry(ZipFile zip, Path file, String name) throws InvalidDataFileException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            throw new InvalidDataFileException(file.getFileName() + " has no array '" + name + "'");
        }
        if (entry.getSize() > Npy.maxInflated(entry.getCompressedSize())) {
            throw new InvalidDataFileException(String.format(Locale.ROOT, "%s: %s claims %,d bytes compressed into %,d, "
                    + "more than %d times smaller (damaged file)", file.getFileName(), entry.getName(), entry.getSize(),
                    entry.getCompressedSize(), Npy.MAX_COMPRESSION));
        }
        return entry;
    }
}
