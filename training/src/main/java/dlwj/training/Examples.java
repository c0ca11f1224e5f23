package dlwj.training;

import dlwj.datasets.NativeRuntime;
import dlwj.datasets.files.DatasetUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Runs an example's command: applies the fast native settings ({@link NativeRuntime}), parses its arguments ({@code --help} prints usage; a bad argument prints
 * one message and exits with status 2), runs it, and turns the errors a reader can hit into one clear
 * message (status 1) instead of a stack trace.
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
        CommandLine commandLine = new CommandLine(example)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof DatasetUnavailableException || e instanceof IllegalArgumentException
                            || e instanceof UncheckedIOException) {
                        cmd.getErr().println(e.getMessage());
                        return 1;
                    }
                    throw e;
                });
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            commandLine.getErr().println("Out of memory: " + e.getMessage() + "\nND4J keeps its arrays off the Java"
                    + " heap: allow it more with -Dorg.bytedeco.javacpp.maxbytes=8G"
                    + " -Dorg.bytedeco.javacpp.maxphysicalbytes=10G (in MAVEN_OPTS for mvn exec), or run with --quick.");
            return 1;
        }
    }
}
