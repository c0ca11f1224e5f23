package dlwj.chapter02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The example end to end in --quick mode, on a small learnable mnist.npz in Keras' layout. */
class MnistFirstNetworkTest {

    @TempDir
    Path dir;

    @Test
    void quickRunLearnsAndDrawsTheDigit() throws Exception {
        Path mnist = Fixtures.mnistNpz(dir.resolve("mnist.npz"), 1000, 200, 1).file();

        ExampleRun run = ExampleRun.of(new MnistFirstNetwork(), "--quick", "--local-file", mnist.toString(),
                "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertEquals(2, run.output().lines().filter(l -> l.startsWith("Epoch ")).count(), run.output());
        assertTrue(run.result("test_acc") > 0.5, "10 classes: chance is 0.1\n" + run.output());
        BufferedImage digit = ImageIO.read(dir.resolve("out/mnist-first-network-digit.png").toFile());
        assertEquals(8 * 28 + 4, digit.getWidth());
    }

    @Test
    void unknownDatasetIsRejectedAsAUsageError() {
        assertEquals(2, ExampleRun.of(new MnistFirstNetwork(), "--dataset", "cifar10", "--out",
                dir.resolve("out").toString()).status());
    }

    @Test
    void theModelIsTheSameWithDl4jsLayers() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5), 10);

        StockLayers.assertSameModel(MnistFirstNetwork.model(LayerChoice.KERAS, 1),
                MnistFirstNetwork.model(LayerChoice.DL4J, 1), x, y);
    }
}
