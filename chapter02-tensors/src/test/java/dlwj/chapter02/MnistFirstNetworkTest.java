package dlwj.chapter02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
