package dlwj.datasets;

import dlwj.datasets.files.DatasetUnavailableException;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a verified data file, turning a failure into one message that names the file. */
final class FileReading {

    /** What is read from a file: arrays, a word index, a dataset built from them. */
    interface FileReader<T> {
        T read(Path file) throws IOException;
    }

    private FileReading() {
    }

    /** {@code reader}'s result; a file it cannot read is a {@link DatasetUnavailableException} saying what to do. */
    static <T> T read(Path file, FileReader<T> reader) {
        try {
            return reader.read(file);
        } catch (IOException e) {
            throw new DatasetUnavailableException("Could not read " + file + ": " + e.getMessage()
                    + "\nDelete it to have it fetched again (or, if you gave it with --local-file, give a good copy).", e);
        }
    }
}
