package dlwj.chapter03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.ExampleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in --quick mode on a small, learnable reuters.npz in Keras' layout. */
class ReutersNewswiresTest {

    @TempDir
    Path dir;

    private String[] data;

    @BeforeEach
    void writeFixture() throws Exception {
        Fixtures.reuters(dir.resolve("reuters.npz"), 1000, 6);
        data = new String[] {"--quick", "--local-file", dir.resolve("reuters.npz").toString(),
                "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString(), "--batch-size", "32",
                "--epochs", "5"};
    }

    @Test
    void learnsTheTopicsAndPredictsProbabilities() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), data);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.number("test_acc: ") > 0.5, "6 topics: chance is about 0.17\n" + run.output());
        assertTrue(run.number("random baseline (test labels shuffled): ") < 0.35, run.output());
        assertTrue(run.output().contains("predictions[0]: shape (46,), sum 1.0000"), run.output());
        assertTrue(run.output().contains("Bottleneck model (Dense(4) in the middle): val_acc"), run.output());
        assertTrue(Files.exists(dir.resolve("out/reuters-loss.png")));
        assertTrue(run.output().contains("Epoch 9/9"), "listing 3.21 retrains for 9 epochs\n" + run.output());
    }

    @Test
    void retrainingCanTakeTheEpochOfLowestValidationLossInstead() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), ImdbBinaryClassificationTest.concat(data,
                "--retrain-epochs", "best"));

        assertEquals(0, run.status(), run.output());
        assertFalse(run.output().contains("/9"), run.output());
        assertEquals(2, ExampleRun.of(new ReutersNewswires(), ImdbBinaryClassificationTest.concat(data,
                "--retrain-epochs", "0")).status());
    }

    @Test
    void integerLabelsWithSparseCrossentropyLearnToo() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), ImdbBinaryClassificationTest.concat(data,
                "--labels", "integer"));

        assertEquals(0, run.status(), run.output());
        assertTrue(run.number("test_acc: ") > 0.5, run.output());
    }
}
