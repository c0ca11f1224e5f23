package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ConvnetActivationsTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryChannelOfTheFirstEightLayers() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        String[] data = {"--quick", "--local-file", dir.resolve("cats_and_dogs_filtered.zip").toString(),
            "--cache-dir", dir.resolve("cache").toString(), "--out", dir.resolve("out").toString()};
        ExampleRun trained = ExampleRun.of(new DogsVsCatsConvnet(), data, "--epochs", "1");
        assertEquals(0, trained.status(), trained.output());

        ExampleRun run = ExampleRun.of(new ConvnetActivations(), data);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("layer 1 (Conv2D): (1, 148, 148, 32)"), run.output());
        assertTrue(run.output().contains("layer 8 (MaxPooling2D): (1, 7, 7, 128)"), run.output());
        // 32 channels of 148x148, 16 per row without margins; 128 channels of 7x7 drawn three times as large
        BufferedImage first = ImageIO.read(dir.resolve("out/activations-layer-1.png").toFile());
        assertEquals(16 * 148, first.getWidth());
        assertEquals(2 * 148, first.getHeight());
        BufferedImage last = ImageIO.read(dir.resolve("out/activations-layer-8.png").toFile());
        assertEquals(8 * 7 * 3, last.getHeight());
        // listings 5.29-5.30: channels 4 and 7 of the first layer on their own, twice as large
        for (int channel : new int[] {4, 7}) {
            assertEquals(2 * 148, ImageIO.read(dir.resolve("out/activations-layer-1-channel-" + channel + ".png")
                    .toFile()).getWidth());
        }
        assertEquals(150, ImageIO.read(dir.resolve("out/activations-picture.png").toFile()).getWidth());
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
        // then truncated to bytes, as astype('uint8'): 0, 1, 2, 3 -> 42.1, 99.4, 156.6, 213.9
        assertArrayEquals(new float[] {42, 99, 156, 213}, ConvnetActivations.displayable(
                Nd4j.createFromArray(new float[][][] {{{0, 1}, {2, 3}}})).data().asFloat());
    }

    @Test
    void theDisplayGridHasSixteenChannelsToARowWithoutMargins() {
        // 33 channels of 2x2, channel k all k: two full rows, the 33rd left out as the book's n_features // 16
        INDArray channels = Nd4j.create(DataType.FLOAT, 33, 2, 2);
        for (int k = 0; k < 33; k++) {
            channels.get(NDArrayIndex.point(k)).assign(k);
        }

        INDArray grid = ConvnetActivations.displayGrid(channels, 16);

        assertArrayEquals(new long[] {2 * 2, 16 * 2}, grid.shape());
        assertEquals(0, grid.getDouble(0, 0));
        assertEquals(5, grid.getDouble(1, 5 * 2 + 1), "channel 5: first row, sixth place");
        assertEquals(16 + 5, grid.getDouble(2, 5 * 2), "channel 21: second row, sixth place");
        assertEquals(31, grid.getDouble(3, 16 * 2 - 1));
    }

}
