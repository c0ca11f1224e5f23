package dlwj.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.Examples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** The launcher over stand-in examples: one that prints the arguments it got, one that fails. */
class RunTest {

    @Command(name = "Echo", mixinStandardHelpOptions = true, description = "Book 9.1: prints its arguments.")
    static final class Echo implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            System.out.println("Echo got " + args);
            return 0;
        }
    }

    @Command(name = "Failing", mixinStandardHelpOptions = true, description = "Book 9.2: cannot read its data.")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("No data here");
        }
    }

    private static final List<BookRun> RUNS = List.of(
            new BookRun("9.1", "Echo", Echo::new, List.of(), List.of(), Map.of()),
            new BookRun("9.1", "Echo --twice", Echo::new, List.of("--twice"), List.of(), Map.of()),
            new BookRun("9.2", "Failing", Failing::new, List.of(), List.of(), Map.of()),
            new BookRun("9.3", "Echo --after", Echo::new, List.of("--after"), List.of(), Map.of()),
            new BookRun("10.1", "Echo --ten", Echo::new, List.of("--ten"), List.of(), Map.of()));

    private static ExampleRun run(String... args) {
        return ExampleRun.of(new Run(RUNS), args);
    }

    @Test
    void aSectionRunsEachOfItsRunsInOrderWithTheirArgumentsAndTheOptionsGiven() {
        ExampleRun run = run("9.1", "--quick", "--epochs", "1");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().matches("(?s)\\s*=== 9\\.1 Echo --quick --epochs 1\\s+Echo got \\[--quick, --epochs, 1]"
                + "\\s+=== 9\\.1 Echo --twice --quick --epochs 1\\s+Echo got \\[--twice, --quick, --epochs, 1]\\s*"),
                run.output());
    }

    @Test
    void aClassOrRunNameRunsThatRunAlone() {
        assertEquals("Echo got [--epochs, 5]\n", run("Echo", "--epochs", "5").output());
        assertEquals("Echo got [--twice]\n", run("Echo --twice").output());
        assertEquals("Echo got [--ten]\n", run("10").output());
    }

    @Test
    void aClassWhoseRunsAllCarryOptionsRunsAloneWithTheOptionsGiven() {
        Run onlyVariants = new Run(List.of(new BookRun("9.4", "Echo --variant", Echo::new, List.of("--variant"),
                List.of(), Map.of())));

        assertEquals("Echo got [picture.jpg]\n", ExampleRun.of(onlyVariants, "Echo", "picture.jpg").output());
    }

    @Test
    void aChapterStopsAtTheFirstRunThatFailsWithItsStatus() {
        ExampleRun run = run("9");

        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("=== 9.2 Failing"), run.output());
        assertFalse(run.output().contains("--after"), run.output());
    }

    @Test
    void optionsAfterTheNameAreTheExamples() {
        assertTrue(run("Failing", "--help").output().startsWith("Usage: Failing"));
        assertEquals(2, run("Failing", "--epochs", "1").status());
        assertEquals(0, run("--help").status());
    }

    @Test
    void anUnknownNameIsOneLineSayingWhereTheChoicesAreAndStatus2() {
        for (String unknown : List.of("Nope", "1", "9.1.1", "echo")) {
            StringWriter err = new StringWriter();
            assertEquals(2, Examples.execute(new Run(RUNS), new PrintWriter(err, true), unknown, "--epochs", "1"));
            assertTrue(err.toString().matches("No example or book section '\\Q" + unknown + "\\E': run --list shows "
                    + "them[^\n]*\n"), err.toString());
        }
        assertEquals(2, run().status());
    }

    @Test
    void theListShowsEveryRunWithItsSectionAndDescription() {
        ExampleRun list = ExampleRun.of(new Run(), "--list");

        assertEquals(0, list.status(), list.output());
        List<String> lines = list.output().lines().toList();
        for (BookRun run : BookRuns.launchable()) {
            assertTrue(lines.stream().anyMatch(line -> line.matches("\\Q" + run.book() + "\\E +\\Q" + run.name()
                    + "\\E {2,}[A-Z].{20,}")), run.name() + " is not listed:\n" + list.output());
        }
        assertEquals(BookRuns.launchable().size() + 3, lines.size(), list.output()); // the header, a blank line, the hint
    }
}
