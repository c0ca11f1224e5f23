package dlwj.datasets.formats;

import dlwj.datasets.files.FileValidator;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
                arrays.put(name, readEntry(zip, entry, where, in -> Npy.read(in, entry.getSize(), where)));
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
                    readEntry(zip, entry, where, in -> Npy.header(new DataInputStream(in), entry.getSize(), where));
                }
            }
        };
    }

    /** What is read from one entry's stream. */
    private interface EntryReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Reads one entry, a zip-level failure (bad compressed data, CRC) becoming one that names the entry. */
    private static <T> T readEntry(ZipFile zip, ZipEntry entry, String where, EntryReader<T> reader)
            throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return reader.read(in);
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

    private static ZipEntry entry(ZipFile zip, Path file, String name) throws InvalidDataFileException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            throw new InvalidDataFileException(file.getFileName() + " has no array '" + name + "'");
        }
        return entry;
    }
}
