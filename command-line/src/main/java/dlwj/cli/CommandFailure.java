package dlwj.cli;

/**
 * A failure that the user can act on and whose message says it all (what happened, what to do): a
 * command ends on it with status 1 and that one line, as on a dataset that can't be had.
 */
public class CommandFailure extends RuntimeException {

    public CommandFailure(String message) {
        super(message);
    }
}
