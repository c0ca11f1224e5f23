package dlwj.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * An example run as its {@code main} would run it, for the chapters' tests: its exit status, what it printed,
 * and the numbers it recorded ({@link #result}, read from {@code <out>/<Example>-results.json}). A run of a
 * command that writes files must be given {@code --out} (a test's temporary folder), so that no test writes
 * into the source tree's default {@code output/}.
 */
public record ExampleRun(int status, String output, Path resultsFile) {

    /** Runs {@code example} through {@link Examples#execute} and captures its standard output. */
    public static ExampleRun of(Object example, String... args) {
        CommandSpec spec = new CommandLine(example).getCommandSpec();
        Path out = out(args);
        if (out == null && spec.findOption("--out") != null) {
            throw new AssertionError(spec.name() + " would write into the source tree's output/: pass --out with a "
                    + "temporary folder (@TempDir)");
        }
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(example, args);
        } finally {
            System.setOut(original);
        }
        return new ExampleRun(status, printed.toString(StandardCharsets.UTF_8),
                out == null ? null : out.resolve(spec.name() + "-results.json"));
    }

    /** {@link #of(Object, String...)} with the {@code common} arguments of a test followed by {@code more}. */
    public static ExampleRun of(Object example, String[] common, String... more) {
        return of(example, concat(common, more));
    }

    /** {@code first} followed by {@code more}: a test's common arguments and those of one run. */
    public static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** Every number the run recorded ({@code options.record(...)}), by name, in the order recorded. */
    public Map<String, List<Double>> results() {
        if (resultsFile == null || !Files.exists(resultsFile)) {
            throw new AssertionError("No results recorded (" + resultsFile + ") by the run that printed:\n" + output);
        }
        try {
            return MeasuredResults.read(resultsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values recorded under {@code name} (one per fold, per model...), or a failure. */
    public List<Double> results(String name) {
        List<Double> values = results().get(name);
        if (values == null) {
            throw new AssertionError("'" + name + "' not recorded; recorded: " + results().keySet() + "\n" + output);
        }
        return values;
    }

    /** The one value recorded under {@code name} ({@code "test_acc"} gives 0.8664), or a failure. */
    public double result(String name) {
        List<Double> values = results(name);
        if (values.size() != 1) {
            throw new AssertionError("'" + name + "' has " + values.size() + " values, not one: " + values);
        }
        return values.get(0);
    }

    /** The value of the last {@code --out} in {@code args}, or null. */
    private static Path out(String[] args) {
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--out=")) {
                out = Path.of(args[i].substring("--out=".length()));
            }
        }
        return out;
    }
}
