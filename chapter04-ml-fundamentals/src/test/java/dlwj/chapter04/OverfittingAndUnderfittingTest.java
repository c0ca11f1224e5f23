package dlwj.chapter04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverfittingAndUnderfittingTest {

    @TempDir
    Path dir;

    private String[] args(String models) throws Exception {
        Fixtures.imdb(dir, 600, 300, 9);
        return new String[] {"--quick", "--local-file", dir.resolve("imdb.npz").toString(), "--local-file",
                dir.resolve("imdb_word_index.json").toString(), "--cache-dir", dir.toString(),
                "--out", dir.resolve("out").toString(), "--epochs", "3", "--batch-size", "64", "--models", models};
    }

    @Test
    void comparesEachVariationWithTheOriginalModel() throws Exception {
        ExampleRun run = ExampleRun.of(new OverfittingAndUnderfitting(), args("original,bigger,l1_l2,dropout"));

        assertEquals(0, run.status(), run.output());
        for (String plot : new String[] {"imdb-bigger-val-loss.png", "imdb-bigger-loss.png", "imdb-l1_l2-val-loss.png",
                "imdb-dropout-val-loss.png"}) {
            assertTrue(Files.exists(dir.resolve("out").resolve(plot)), plot + "\n" + run.output());
        }
        assertEquals(4, run.output().lines().filter(l -> l.matches("(original|bigger|l1_l2|dropout) +\\d\\.\\d{3} \\(\\d\\).*"))
                .count(), run.output());
        assertTrue(run.results("original_lowest_val_loss_and_epoch").get(0) < 0.69,
                "the original model learns (chance: ln 2)\n" + run.output());
    }

    @Test
    void unknownModelIsOneMessage() throws Exception {
        assertEquals(2, ExampleRun.of(new OverfittingAndUnderfitting(), args("original,huge")).status());
    }
}
