package dlwj.datasets.files;

/**
 * A data file could not be had: the download failed, the checksum did not match, or a given file is
 * not valid. The message says what failed and what to do about it, in full, so examples print it as is.
 */
public class DatasetUnavailableException extends RuntimeException {

    public DatasetUnavailableException(String message) {
        super(message);
    }

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
