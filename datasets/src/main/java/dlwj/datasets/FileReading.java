package dlwj.datasets;

import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.formats.Idx;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads a verified data file, turning a failure into one message that names the file. */
final class FileReading {

    private FileReading() {
    }

    static Map<String, NpyArray> npz(Path file, String... names) {
        try {
            return Npz.read(file, names);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static NpyArray idx(Path file) {
        try {
            return Idx.readGzipped(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static WordIndex wordIndex(Path file) {
        try {
            return WordIndex.read(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DatasetUnavailableException unreadable(Path file, IOException e) {
        return new DatasetUnavailableException("Could not read " + file + ": " + e.getMessage()
                + "\nDelete it to have it fetched again.", e);
    }
}
