package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section 7.3.2's random search on a small, learnable imdb.npz in Keras' layout. */
class HyperparameterSearchTest {

    @TempDir
    Path dir;

    @Test
    void eachTrialIsALineAndTheBestIsRetrainedAndTested() throws Exception {
        Fixtures.imdb(dir, 700, 300, 5);
        ExampleRun run = ExampleRun.of(new HyperparameterSearch(), "--quick", "--trials", "3", "--local-file",
                dir.resolve("imdb.npz").toString(), "--cache-dir", dir.toString(), "--out", dir.toString(),
                "--batch-size", "32", "--epochs", "4");

        assertEquals(0, run.status(), run.output());
        assertEquals(2, run.output().lines().filter(line -> line.startsWith("trial ")).count(),
                "--quick runs two trials\n" + run.output());
        // the trials draw rates down to 1e-4, which four short epochs leave barely trained: better than chance
        assertTrue(run.result("best_val_acc") > 0.55, run.output());
        assertTrue(run.result("test_acc") > 0.55, run.output());
    }

    @Test
    void noTrialsIsAUsageError() {
        assertEquals(2, ExampleRun.of(new HyperparameterSearch(), "--trials", "0", "--out", dir.toString()).status());
    }
}
