package dlwj.training.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** An example run as its {@code main} would run it, with what it printed captured, for the chapters' tests. */
public record ExampleRun(int status, String output) {

    /** Runs {@code example} through {@link Examples#execute} and captures its standard output. */
    public static ExampleRun of(Object example, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(example, args);
        } finally {
            System.setOut(original);
        }
        return new ExampleRun(status, printed.toString(StandardCharsets.UTF_8));
    }

    /** {@link #of(Object, String...)} with the {@code common} arguments of a test followed by {@code more}. */
    public static ExampleRun of(Object example, String[] common, String... more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return of(example, all);
    }

    /** The number after {@code label} in the output ({@code "test_acc: "} gives 0.8664), or a failure. */
    public double number(String label) {
        int at = output.lastIndexOf(label);
        if (at < 0) {
            throw new AssertionError("'" + label + "' not printed in:\n" + output);
        }
        String rest = output.substring(at + label.length()).trim();
        int end = 0;
        while (end < rest.length() && "0123456789.+-eE".indexOf(rest.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(rest.substring(0, end));
    }
}
