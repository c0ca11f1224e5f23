package dlwj.chapter03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        assertEquals(2, ExampleRun.of(new ImdbBinaryClassification(), data, "--layers", "pytorch").status());
    }

    @Test
    void withDl4jsOwnLayersTheSameSeedGivesTheSameResult() {
        ExampleRun keras = ExampleRun.of(new ImdbBinaryClassification(), data);
        ExampleRun dl4j = ExampleRun.of(new ImdbBinaryClassification(), data, "--layers", "dl4j");

        assertEquals(0, dl4j.status(), dl4j.output());
        assertEquals(keras.result("test_acc"), dl4j.result("test_acc"), 0.005, dl4j.output());
    }

    @Test
    void bothLayerChoicesComputeTheSameOutputsAndGradients() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 10_000).gt(0.99).castTo(DataType.FLOAT); // multi-hot reviews
        INDArray y = Nd4j.rand(DataType.FLOAT, 64, 1).gt(0.5).castTo(DataType.FLOAT);
        MultiLayerNetwork keras = ImdbBinaryClassification.model(LayerChoice.KERAS, 7, 2, 16, Activation.RELU,
                KerasDefaults.binaryCrossentropy());
        MultiLayerNetwork dl4j = ImdbBinaryClassification.model(LayerChoice.DL4J, 7, 2, 16, Activation.RELU,
                KerasDefaults.binaryCrossentropy());

        assertEquals(keras.params(), dl4j.params(), "the same seed, the same weights in the same layout");
        StockLayers.assertSameModel(keras, dl4j, x, y);
    }
}
