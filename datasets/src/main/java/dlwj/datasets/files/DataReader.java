package dlwj.datasets.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What is read from a data file: arrays, a word index, an extracted folder. It is also the file's complete
 * check: {@link DataSource#load} reads a download before the download is accepted into the cache, and
 * takes a cached file that it cannot read for a damaged one.
 */
@FunctionalInterface
public interface DataReader<T> {

    /** Throws {@link InvalidDataFileException} when the file is not what it should be. */
    T read(Path file) throws IOException;
}
