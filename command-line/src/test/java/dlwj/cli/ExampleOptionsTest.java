package dlwj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** The examples' common command line: its options, their checks and its one error path. */
class ExampleOptionsTest {

    @TempDir
    Path dir;

    @Command(name = "probe", mixinStandardHelpOptions = true)
    static final class Probe implements Callable<Integer> {
        @Mixin
        ExampleOptions options = new ExampleOptions();
        boolean ran;

        @Override
        public Integer call() {
            ran = true;
            return 0;
        }
    }

    @Test
    void everyDocumentedFlagIsAccepted() {
        Probe probe = new Probe();
        int status = new CommandLine(probe).execute("--epochs", "3", "--batch-size", "64", "--seed", "7",
                "--out", dir.toString(), "--quick", "--mirror", "/data", "--cache-dir", dir.toString(),
                "--local-file", "imdb.npz=/x/imdb.npz", "--local-file", "/y/reuters.npz");

        assertEquals(0, status);
        ExampleOptions options = probe.options;
        assertEquals(3, options.epochs(20));
        assertEquals(64, options.batchSize(512));
        assertEquals(7, options.seed());
        assertEquals(100, options.samples(25_000, 100));
        assertEquals(dir.resolve("plot.png"), options.output("plot.png"));
        assertEquals("/data", options.dataSource().mirror().orElseThrow());
        assertEquals(dir, options.dataSource().home());
    }

    @Test
    void defaultsAreTheBooksAndQuickShortens() {
        Probe book = new Probe();
        new CommandLine(book).parseArgs();
        Probe quick = new Probe();
        new CommandLine(quick).parseArgs("--quick");

        assertEquals(20, book.options.epochs(20));
        assertEquals(512, book.options.batchSize(512));
        assertEquals(25_000, book.options.samples(25_000, 100));
        assertEquals(2, quick.options.epochs(20));
        assertEquals(1, quick.options.epochs(1));
    }

    @Test
    void badArgumentsExitWithStatus2AndOneMessage() {
        for (String[] args : new String[][] {{"--epochs", "0"}, {"--epochs", "many"}, {"--batch-size", "-5"},
                {"--unknown"}, {"--seed"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CommandLine commandLine = new CommandLine(new Probe()).setErr(new PrintWriter(err, true));

            assertEquals(2, commandLine.execute(args), String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("").length() > 10);
        }
    }

    @Test
    void helpPrintsUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new CommandLine(new Probe()).setOut(new PrintWriter(out, true)).execute("--help");

        assertEquals(0, status);
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--epochs", "--batch-size", "--seed", "--out", "--quick", "--mirror",
            "--cache-dir", "--local-file"}) {
            assertTrue(usage.contains(flag), flag + " in " + usage);
        }
    }

    @Test
    void anOutputFolderThatCantBeWrittenIsRejectedBeforeTheRun() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Probe probe = new Probe();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Examples.execute(probe, new PrintWriter(err, true), "--out", file.resolve("out").toString());

        assertEquals(2, status);
        assertFalse(probe.ran);
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("--out " + file.resolve("out") + " can't be written to"), message);
    }

    @Test
    void anUnknownDatasetIsRejectedBeforeTheRun() {
        @Command(name = "mnist-probe")
        final class MnistProbe implements Callable<Integer> {
            @Mixin
            MnistDatasetOption dataset = new MnistDatasetOption();
            @Mixin
            ExampleOptions options = new ExampleOptions();
            boolean ran;

            @Override
            public Integer call() {
                ran = true;
                return 0;
            }
        }
        MnistProbe probe = new MnistProbe();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Examples.execute(probe, new PrintWriter(err, true), "--dataset", "cifar10", "--out", dir.toString());

        assertEquals(2, status);
        assertFalse(probe.ran);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("--dataset must be mnist or fashion-mnist, not cifar10"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void examplesTurnDataErrorsIntoOneMessage() {
        @Command(name = "failing")
        final class Failing implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new dlwj.datasets.files.DatasetUnavailableException("Could not download x.npz: offline");
            }
        }

        assertEquals(1, Examples.execute(new Failing()));
    }

    @Test
    void theRunEndsByListingTheFilesItWroteAndOnlyThose() throws Exception {
        Path old = Files.writeString(dir.resolve("old.png"), "from an earlier run");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(0));
        @Command(name = "writer")
        final class Writer implements Callable<Integer> {
            @Mixin
            ExampleOptions options = new ExampleOptions();

            @Override
            public Integer call() throws Exception {
                Files.writeString(options.output("b.png"), "b");
                options.output("never-written.png");
                options.output("old.png");
                Files.writeString(options.output("a.png"), "a");
                System.out.println("done");
                return 0;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.PrintStream console = System.out;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Examples.execute(new Writer(), "--out", dir.toString()));
        } finally {
            System.setOut(console);
        }

        assertEquals(java.util.List.of("done", "Wrote " + dir.resolve("b.png"), "Wrote " + dir.resolve("a.png")),
                out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
