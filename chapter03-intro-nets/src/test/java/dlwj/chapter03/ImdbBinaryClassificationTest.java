package dlwj.chapter03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.cli.ExampleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in --quick mode on a small, learnable imdb.npz in Keras' layout. */
class ImdbBinaryClassificationTest {

    @TempDir
    Path dir;

    private String[] data;

    @BeforeEach
    void writeFixtures() throws Exception {
        Fixtures.imdb(dir, 700, 300, 5);
        data = new String[] {"--quick", "--local-file", dir.resolve("imdb.npz").toString(), "--local-file",
                dir.resolve("imdb_word_index.json").toString(), "--cache-dir", dir.toString(),
                "--out", dir.resolve("out").toString(), "--batch-size", "32", "--epochs", "4"};
    }

    @Test
    void learnsPlotsAndPredicts() {
        ExampleRun run = ExampleRun.of(new ImdbBinaryClassification(), data);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("Review 0: ? w"), "decoded with the word index:\n" + run.output());
        assertEquals(4, run.output().lines().filter(l -> l.contains("val_acc")).count(), run.output());
        assertTrue(run.result("test_acc") > 0.75, "2 classes: chance is 0.5\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/imdb-loss.png")) && Files.exists(dir.resolve("out/imdb-accuracy.png")));
        assertEquals(5, run.output().lines().filter(l -> l.matches("[01]\\.\\d{4} \\(label [01]\\) .*")).count(),
                run.output());
    }

    @Test
    void theBooksFurtherExperimentsRun() {
        ExampleRun run = ExampleRun.of(new ImdbBinaryClassification(), data, "--hidden-layers", "3", "--units", "32",
                "--activation", "tanh", "--loss", "mse");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.result("test_acc") > 0.75, run.output());
    }

    @Test
    void badOptionsAreOneMessage() {
        assertEquals(2, ExampleRun.of(new ImdbBinaryClassification(), data, "--hidden-layers", "4").status());
        assertEquals(2, ExampleRun.of(new ImdbBinaryClassification(), data, "--loss", "hinge").status());
    }

}
