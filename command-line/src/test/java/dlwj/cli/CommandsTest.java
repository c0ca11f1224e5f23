package dlwj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.files.DatasetUnavailableException;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CommandsTest {

    @TempDir
    Path dir;

    /** A command that fails as it is told to, after recording that it ran. */
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin
        SizeOption size = new SizeOption();

        final Exception failure;
        boolean ran;

        Probe(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            ran = true;
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
    }

    /** A mixin whose value is checked before the command runs. */
    static final class SizeOption implements CheckedOptions {
        @Option(names = "--size", defaultValue = "1")
        int size;

        @Override
        public void checkOptions() {
            if (size < 1) {
                throw new IllegalArgumentException("--size must be above 0, not " + size);
            }
            if (size == 99) { // as a check that reads a damaged file the user gave
                throw new UncheckedIOException("Cannot read the image size.jpg: damaged", new IOException("damaged"));
            }
        }
    }

    private record Run(int status, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter err = new StringWriter();
        int status = Commands.execute(command, new PrintWriter(err, true), args);
        return new Run(status, err.toString());
    }

    @Test
    void aMixinsCheckFailsWithUsageStatusBeforeAnyWork() {
        Probe probe = new Probe(null);
        Run run = run(probe, "--size", "0");

        assertEquals(2, run.status());
        assertFalse(probe.ran);
        assertEquals("--size must be above 0, not 0 (probe --help lists the options)", run.err().strip());
    }

    @Test
    void aCheckThatCannotReadAFileIsOneLineBeforeAnyWork() {
        Probe probe = new Probe(null);
        Run run = run(probe, "--size", "99");

        assertEquals(1, run.status());
        assertFalse(probe.ran);
        assertEquals("Cannot read the image size.jpg: damaged", run.err().strip());
    }

    @Test
    void unknownOptionsAreOneLineWithUsageStatus() {
        Run run = run(new Probe(null), "--nope");

        assertEquals(2, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--nope"), run.err());
    }

    @Test
    void errorsAUserCanHitAreOneLineWithStatus1() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Exception readOnly = new UncheckedIOException(new java.nio.file.AccessDeniedException(dir.toString()));
        Exception notAFolder;
        try {
            Files.createDirectories(file.resolve("below"));
            throw new AssertionError("a folder was created below a file");
        } catch (IOException e) {
            notAFolder = e;
        }
        for (Exception failure : new Exception[] {
            new DatasetUnavailableException("Could not download x.npz: offline"),
            new InvalidDataFileException("x.npz: x_train.npy is truncated"),
            readOnly, notAFolder, new IllegalArgumentException("bad picture")}) {
            Run run = run(new Probe(failure));

            assertEquals(1, run.status(), failure.toString());
            assertEquals(1, run.err().lines().count(), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
        assertEquals("Could not use " + dir + ": AccessDenied", run(new Probe(readOnly)).err().strip());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run run = run(new Probe(new InvalidDataFileException("x.npz is truncated")), "--verbose");

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("x.npz is truncated"), run.err());
        assertTrue(run.err().contains("\tat dlwj.cli.CommandsTest"), run.err());
    }

    @Test
    void aDefectKeepsItsStackTrace() {
        Run run = run(new Probe(new IllegalStateException("bug")));

        assertEquals(1, run.status());
        assertTrue(run.err().contains("IllegalStateException: bug"), run.err());
        assertTrue(run.err().contains("\tat "), run.err());
    }

    @Test
    void outOfMemorySaysHowToAllowMore() {
        @Command(name = "hungry")
        final class Hungry implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new OutOfMemoryError("Cannot allocate 4 GB");
            }
        }
        Run run = run(new Hungry());

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Out of memory: Cannot allocate 4 GB."), run.err());
        assertTrue(run.err().contains("-Dorg.bytedeco.javacpp.maxbytes"), run.err());
    }

    /** Records the order in which its hooks and the command ran. */
    static final class ScopeProbe implements RunScoped {
        @Option(names = "--label")
        String label;

        final StringBuilder events;

        ScopeProbe(StringBuilder events) {
            this.events = events;
        }

        @Override
        public void beforeRun() {
            events.append("before ");
        }

        @Override
        public void afterRun() {
            events.append("after");
        }
    }

    @Test
    void runScopedOptionsWrapTheRunEvenWhenItFails() {
        StringBuilder events = new StringBuilder();
        @Command(name = "scoped")
        final class Scoped implements Callable<Integer> {
            @Mixin
            ScopeProbe scope = new ScopeProbe(events);

            @Override
            public Integer call() throws IOException {
                events.append("run ");
                throw new IOException("disk full");
            }
        }

        assertEquals(1, run(new Scoped()).status());
        assertEquals("before run after", events.toString());

        events.setLength(0);
        @Command(name = "checked")
        final class Checked implements Callable<Integer> {
            @Mixin
            SizeOption size = new SizeOption();
            @Mixin
            ScopeProbe scope = new ScopeProbe(events);

            @Override
            public Integer call() {
                events.append("run ");
                return 0;
            }
        }
        assertEquals(2, run(new Checked(), "--size", "0").status());
        assertEquals("", events.toString(), "a rejected option: neither the hooks nor the run");
    }
}
