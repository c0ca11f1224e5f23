package dlwj.keras.layers;

/**
 * A layer of this package asked to run on another ND4J backend than the CPU one; the message says what to do
 * (build the model from DL4J's own layers, or run on the CPU). A command reports it in that one line.
 */
public class UnsupportedBackendException extends RuntimeException {

    public UnsupportedBackendException(String message) {
        super(message);
    }
}
