package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The example in --quick mode on a small learnable mnist.npz in Keras' layout. */
class MnistConvnetTest {

    @TempDir
    Path dir;

    @Test
    void printsTheSummaryAndLearns() throws Exception {
        Path mnist = Fixtures.mnistNpz(dir.resolve("mnist.npz"), 1000, 200, 3).file();

        ExampleRun run = ExampleRun.of(new MnistConvnet(), "--quick", "--local-file", mnist.toString(),
                "--cache-dir", dir.toString(), "--epochs", "3", "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("Total params: 55,744"), "listing 5.1, the base alone\n" + run.output());
        assertTrue(run.output().contains("Total params: 93,322"), run.output());
        assertTrue(run.output().contains("conv2d_3 (Conv2D)            (None, 3, 3, 64)"), run.output());
        assertTrue(run.result("test_acc") > 0.5, "10 classes: chance is 0.1\n" + run.output());
    }

    @Test
    void theModelIsTheSameWithDl4jsLayers() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(3, 1, 4, 1), 10);

        StockLayers.assertSameModel(MnistConvnet.model(LayerChoice.KERAS, 1), MnistConvnet.model(LayerChoice.DL4J, 1),
                x, y);
    }
}
