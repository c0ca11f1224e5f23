package dlwj.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleOptions;
import dlwj.cli.ExampleRun;
import dlwj.cli.MeasuredResults;
import dlwj.cli.ResumeOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The reproduction over stand-in examples: one that records and plots, one that fails, one that crashes. */
class ReproduceTest {

    private static final byte[] FIGURE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @Command(name = "Recording")
    static final class Recording implements Callable<Integer> {
        @Mixin
        ExampleOptions options = new ExampleOptions();

        @Override
        public Integer call() throws IOException {
            options.record("epochs", options.epochs(20));
            options.record("all_scores", 2.08, 2.29);
            Files.write(options.output("curve.png"), FIGURE);
            return 0;
        }
    }

    @Command(name = "Failing")
    static final class Failing implements Callable<Integer> {
        @Mixin
        ExampleOptions options = new ExampleOptions();

        @Override
        public Integer call() {
            throw new UncheckedIOException("Cannot download weights.h5: no network. Pass --weights FILE.",
                    new IOException("offline"));
        }
    }

    @Command(name = "Crashing")
    static final class Crashing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    @Command(name = "Resuming")
    static final class Resuming implements Callable<Integer> {
        @Mixin
        ResumeOption resume = new ResumeOption();
        @Mixin
        ExampleOptions options = new ExampleOptions();

        @Override
        public Integer call() {
            options.record("resumed", resume.requested() ? 1 : 0);
            return 0;
        }
    }

    private static final List<BookRun> RUNS = List.of(
            new BookRun("9.1", "Recording", Recording::new, List.of(), List.of("--epochs", "3"),
                    Map.of("curve.png", "chapter09/curve.png")),
            new BookRun("9.2", "Failing", Failing::new, List.of(), List.of(), Map.of()),
            new BookRun("9.3", "Crashing", Crashing::new, List.of(), List.of(), Map.of()),
            new BookRun("10.1", "Recording --again", Recording::new, List.of(), List.of(), Map.of()));

    private static final String README = """
            | Book | What ran | Command | Book | Measured here | Date | Data | Guide |
            |---|---|---|---|---|---|---|---|
            | 9.1 | `Recording` on real data | `-Dexample=Recording` | 2.1 | before | 2026-01-01 | downloads | [chapter 9](chapter09.md) |
            | 9.2 | `Failing` | `-Dexample=Failing` | 0.9 | before | 2026-01-01 | downloads | [chapter 9](chapter09.md) |
            """;

    @TempDir
    Path folder;

    private Path docs;

    @BeforeEach
    void docs() throws IOException {
        docs = Files.createDirectories(folder.resolve("docs"));
        Files.writeString(docs.resolve("README.md"), README);
    }

    private ExampleRun reproduce(String... args) {
        return ExampleRun.of(new Reproduce(RUNS), new String[] {"--out", folder.resolve("out").toString(), "--docs",
            docs.toString()}, args);
    }

    @Test
    void runsEveryExampleContinuesPastFailuresAndRewritesTheSuccessfulRows() throws IOException {
        Path mirror = Files.createDirectories(folder.resolve("mirror"));
        ExampleRun run = reproduce("--profile", "laptop", "--mirror", mirror.toString(), "--weights", "w.h5");

        assertEquals(1, run.status(), run.output());
        List<String> rows = Files.readAllLines(docs.resolve("README.md"));
        String recorded = rows.get(2);
        assertEquals("| 9.1 | `Recording` on real data | `-Dexample=Recording` | 2.1 | epochs 3, all_scores [2.080, 2.290] "
                + "(laptop profile --epochs 3) | " + LocalDate.now() + " | local copies | [chapter 9](chapter09.md) |",
                recorded);
        assertEquals("| 9.2 | `Failing` | `-Dexample=Failing` | 0.9 | before | 2026-01-01 | downloads | "
                + "[chapter 9](chapter09.md) |", rows.get(3));
        assertArrayEquals(FIGURE, Files.readAllBytes(docs.resolve("images/chapter09/curve.png")));

        String output = run.output();
        // the data options go to the examples that take them (--weights: none of these), as they were given
        assertTrue(output.lines().anyMatch(("=== [1/4] 9.1 Recording: --epochs 3 --out " + folder.resolve("out")
                + " --mirror " + mirror)::equals), output);
        assertTrue(output.contains("2 of 4 runs succeeded"), output);
        assertTrue(output.matches("(?s).*FAILED +9\\.2 +Failing .*Cannot download weights\\.h5: no network\\..*"), output);
        assertTrue(output.matches("(?s).*FAILED +9\\.3 +Crashing .*IllegalStateException: a bug.*"), output);
        assertTrue(output.contains("has no row for `Recording --again`"), output);
        assertTrue(output.contains("Failed: Failing, Crashing."), output);
    }

    @Test
    void resumeGoesToTheExamplesThatCheckpointAndNoOthers() throws IOException {
        List<BookRun> runs = List.of(
                new BookRun("9.1", "Recording", Recording::new, List.of(), List.of(), Map.of()),
                new BookRun("9.4", "Resuming", Resuming::new, List.of(), List.of(), Map.of()));
        Path out = folder.resolve("out");

        ExampleRun run = ExampleRun.of(new Reproduce(runs), new String[] {"--out", out.toString(), "--docs",
            docs.toString()}, "--profile", "quick", "--resume");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().lines().anyMatch(("=== [1/2] 9.1 Recording: --quick --out " + out)::equals), run.output());
        assertTrue(run.output().lines().anyMatch(("=== [2/2] 9.4 Resuming: --quick --out " + out + " --resume")::equals),
                run.output());
        assertEquals(List.of(1.0), MeasuredResults.read(out.resolve("Resuming-results.json")).get("resumed"));
    }

    @Test
    void quickRunsLeaveTheDocsAlone() throws IOException {
        ExampleRun run = reproduce("--profile", "QUICK", "--only", "9.1");

        assertEquals(0, run.status(), run.output());
        assertEquals(README, Files.readString(docs.resolve("README.md")));
        assertFalse(Files.exists(docs.resolve("images")));
        assertEquals("{\n  \"epochs\": [\n    2.0\n  ],\n  \"all_scores\": [\n    2.08,\n    2.29\n  ]\n}",
                Files.readString(folder.resolve("out/Recording-results.json")));
    }

    @Test
    void onlyChoosesByRunNameClassOrSectionAndRejectsUnknownNames() {
        ExampleRun bySection = reproduce("--profile", "quick", "--only", "10");
        assertTrue(bySection.output().contains("1 of 1 runs succeeded"), bySection.output());
        ExampleRun byClass = reproduce("--profile", "quick", "--only", "Recording");
        assertTrue(byClass.output().contains("2 of 2 runs succeeded"), byClass.output());

        ExampleRun unknown = reproduce("--only", "Nope");
        assertEquals(2, unknown.status());
        assertFalse(unknown.output().contains("==="), unknown.output());
    }

    @Test
    void refusesToStartWithoutTheResultsTable() throws IOException {
        Files.delete(docs.resolve("README.md"));

        ExampleRun run = reproduce("--profile", "laptop");

        assertEquals(2, run.status());
        assertFalse(run.output().contains("==="), run.output());
        assertFalse(Files.exists(folder.resolve("out")));
    }
}
