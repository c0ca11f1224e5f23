package dlwj.datasets.files;

import java.io.IOException;

/** A data file whose contents are not what its format promises: truncated, wrong layout, wrong counts. */
public class InvalidDataFileException extends IOException {

    public InvalidDataFileException(String message) {
        super(message);
    }

    public InvalidDataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
