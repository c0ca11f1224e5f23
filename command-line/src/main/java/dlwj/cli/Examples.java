package dlwj.cli;

import dlwj.keras.NativeRuntime;
import java.io.PrintWriter;

/**
 * Runs an example's command: applies the fast native settings ({@link NativeRuntime}), then parses,
 * checks and runs it through the project's one error path ({@link Commands}): {@code --help} prints usage,
 * a bad argument one line and status 2, an error a reader can hit one line and status 1.
 */
public final class Examples {

    private Examples() {
    }

    /** For an example's {@code main}: runs it and exits with its status. */
    public static void main(Object example, String... args) {
        System.exit(execute(example, args));
    }

    /** Runs the example and returns its exit status: 0 done, 1 failed, 2 bad arguments. */
    public static int execute(Object example, String... args) {
        return execute(example, new PrintWriter(System.err, true), args);
    }

    /** {@link #execute(Object, String...)}, its messages for the reader written to {@code err}. */
    public static int execute(Object example, PrintWriter err, String... args) {
        NativeRuntime.prepare();
        return Commands.execute(example, err, args);
    }
}
