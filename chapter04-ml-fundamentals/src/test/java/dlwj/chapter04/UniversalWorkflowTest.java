package dlwj.chapter04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniversalWorkflowTest {

    @TempDir
    Path dir;

    @Test
    void walksEveryStepAndTheFinalModelBeatsTheBaseline() throws Exception {
        Fixtures.imdb(dir, 600, 300, 10);

        ExampleRun run = ExampleRun.of(new UniversalWorkflow(), "--quick", "--local-file",
                dir.resolve("imdb.npz").toString(), "--local-file", dir.resolve("imdb_word_index.json").toString(),
                "--cache-dir", dir.toString(), "--epochs", "4", "--batch-size", "32", "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        for (int step = 1; step <= 7; step++) {
            int s = step;
            assertTrue(run.output().lines().anyMatch(l -> l.startsWith(s + ". ")), "step " + step + "\n" + run.output());
        }
        // the fixture's labels are drawn at random, so the majority class (step 4's baseline) scores about 0.5
        assertTrue(run.result("test_acc") > 0.75, run.output());
    }
}
