package dlwj.training;

/**
 * A loss became NaN or infinite during {@link Trainer#fit}: training diverged, or the data holds NaN or infinite
 * values. The message names the batch and says what to check; a command reports it in that one line.
 */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
