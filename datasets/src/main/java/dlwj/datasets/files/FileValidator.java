package dlwj.datasets.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A structural check of a data file's contents (the entries of an npz, the header of an IDX file, the
 * image counts of a zip). It is what protects files that have no published checksum, and files the user
 * gives explicitly.
 */
@FunctionalInterface
public interface FileValidator {

    /** Accepts every file: for files whose checksum is all the check there is. */
    FileValidator NONE = file -> { };

    /**
     * Throws {@link InvalidDataFileException} (or any {@link IOException}) when the file is not what it
     * should be.
     */
    void validate(Path file) throws IOException;
}
