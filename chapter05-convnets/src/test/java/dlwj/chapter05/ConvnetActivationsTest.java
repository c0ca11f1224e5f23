package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.ExampleRun;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConvnetActivationsTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryChannelOfTheFirstEightLayers() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        String[] data = {"--quick", "--local-file", dir.resolve("cats_and_dogs_filtered.zip").toString(),
            "--cache-dir", dir.resolve("cache").toString(), "--out", dir.resolve("out").toString()};
        ExampleRun trained = ExampleRun.of(new DogsVsCatsConvnet(), concat(data, "--epochs", "1"));
        assertEquals(0, trained.status(), trained.output());

        ExampleRun run = ExampleRun.of(new ConvnetActivations(), data);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("layer 1 (ConvolutionLayer): (1, 148, 148, 32)"), run.output());
        assertTrue(run.output().contains("layer 8 (SubsamplingLayer): (1, 7, 7, 128)"), run.output());
        // 32 channels of 148x148, 16 per row with 2-pixel gaps; 128 channels of 7x7 drawn twice as large
        BufferedImage first = ImageIO.read(dir.resolve("out/activations-layer-1.png").toFile());
        assertEquals(16 * (148 + 2) + 2, first.getWidth());
        assertEquals(2 * (148 + 2) + 2, first.getHeight());
        BufferedImage last = ImageIO.read(dir.resolve("out/activations-layer-8.png").toFile());
        assertEquals(8 * (14 + 2) + 2, last.getHeight());
    }

    @Test
    void aMissingModelIsOneMessage() {
        assertEquals(1, ExampleRun.of(new ConvnetActivations(), "--out", dir.resolve("empty").toString()).status());
    }

    @Test
    void channelsAreNormalisedForDisplayAsTheBookDoes() {
        INDArray channels = Nd4j.createFromArray(new float[][][] {{{1, 3}, {1, 3}}, {{5, 5}, {5, 5}}});

        INDArray shown = ConvnetActivations.displayable(channels);

        // (x - mean) / std * 64 + 128: mean 2, std 1 -> 64 and 192; a constant channel -> 128
        assertArrayEquals(new float[] {64, 192, 64, 192, 128, 128, 128, 128}, shown.data().asFloat());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
