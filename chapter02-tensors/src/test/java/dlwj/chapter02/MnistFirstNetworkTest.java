package dlwj.chapter02;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.Examples;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example end to end in --quick mode, on a small mnist.npz in Keras' layout. */
class MnistFirstNetworkTest {

    @TempDir
    Path dir;

    @Test
    void quickRunTrainsEvaluatesAndDrawsTheDigit() throws Exception {
        Random random = new Random(1);
        byte[] train = new byte[300 * 784];
        byte[] test = new byte[100 * 784];
        random.nextBytes(train);
        random.nextBytes(test);
        byte[] trainLabels = new byte[300];
        byte[] testLabels = new byte[100];
        for (int i = 0; i < 300; i++) {
            trainLabels[i] = (byte) (i % 10);
        }
        Path mnist = Fixtures.write(dir.resolve("mnist.npz"), Fixtures.npz(Fixtures.arrays(
                "x_train", Fixtures.npyUint8(new long[] {300, 28, 28}, train),
                "y_train", Fixtures.npyUint8(new long[] {300}, trainLabels),
                "x_test", Fixtures.npyUint8(new long[] {100, 28, 28}, test),
                "y_test", Fixtures.npyUint8(new long[] {100}, testLabels))));

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(new MnistFirstNetwork(), "--quick", "--local-file", mnist.toString(),
                    "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString());
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertEquals(2, printed.lines().filter(l -> l.startsWith("Epoch ")).count(), printed);
        assertTrue(printed.contains("Epoch 2/2"), printed);
        assertTrue(printed.matches("(?s).*test_loss: \\d+\\.\\d{4}, test_acc: 0\\.\\d{4}.*"), printed);
        BufferedImage digit = ImageIO.read(dir.resolve("out/mnist-first-network-digit.png").toFile());
        assertEquals(8 * 28 + 4, digit.getWidth());
    }

    @Test
    void unknownDatasetIsOneMessage() {
        assertEquals(1, Examples.execute(new MnistFirstNetwork(), "--dataset", "cifar10"));
    }
}
