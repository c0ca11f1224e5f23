package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.training.LayerChoice;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Gradient ascent on the small VGG-like stack in Keras' weight-file layout. */
class FilterPatternsTest {

    @TempDir
    Path dir;

    @Test
    void gradientAscentRaisesTheFiltersMeanActivation() throws Exception {
        MultiLayerNetwork base = Vgg16ConvBase.fromKerasWeights(LayerChoice.KERAS, VggLikeWeights.copyTo(dir), 24, 24);
        MultiLayerNetwork upTo = FilterPatterns.upTo(base, "block2_conv1", 24);

        for (int filter : new int[] {0, 5}) {
            INDArray start = FilterPatterns.pattern(upTo, filter, 24, 0, Nd4j.getRandomFactory().getNewRandomInstance(3));
            INDArray pattern = FilterPatterns.pattern(upTo, filter, 24, 10, Nd4j.getRandomFactory().getNewRandomInstance(3));
            double before = meanActivation(upTo, start.reshape(1, 3, 24, 24), filter);
            double after = meanActivation(upTo, pattern.reshape(1, 3, 24, 24), filter);
            assertTrue(after > before, "filter " + filter + ": " + before + " -> " + after);
        }
    }

    @Test
    void drawsOnePatternThenAGridPerLayer() throws Exception {
        ExampleRun run = ExampleRun.of(new FilterPatterns(), "--weights", VggLikeWeights.copyTo(dir).toString(),
                "--pattern", "block2_conv1", "--layers", "block1_conv1,block2_conv1", "--size", "20", "--steps", "3",
                "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        BufferedImage pattern = ImageIO.read(dir.resolve("out/filter-block2_conv1-0.png").toFile());
        assertEquals(150, pattern.getWidth(), "generate_pattern's default size");
        BufferedImage grid = ImageIO.read(dir.resolve("out/filters-block2_conv1.png").toFile());
        assertEquals(20, grid.getWidth(), "6 filters: one column");
        assertEquals(6 * 20 + 5 * 5, grid.getHeight(), "6 rows, 5 pixels apart");
        assertTrue(run.output().contains("block1_conv1: 4 filters"), run.output());
        assertEquals(1, ExampleRun.of(new FilterPatterns(), "--weights", dir.resolve("vgg-like-weights.h5").toString(),
                "--layers", "block9_conv1", "--out", dir.resolve("out").toString()).status());
    }

    @Test
    void theGridPutsFilterIPlus8JAtRowIColumnJAsListing539() {
        // 10 patterns of 2x2, pattern k all 10 * k
        INDArray patterns = Nd4j.create(DataType.FLOAT, 10, 3, 2, 2);
        for (int k = 0; k < 10; k++) {
            patterns.get(NDArrayIndex.point(k)).assign(10 * k);
        }

        INDArray grid = FilterPatterns.grid(patterns);

        // 8 rows and 2 columns of 2 pixels, 5 pixels apart
        assertArrayEquals(new long[] {3, 8 * 2 + 7 * 5, 2 * 2 + 5}, grid.shape());
        assertEquals(10, pixel(grid, 7, 0), "filter 1: row 1, column 0");
        assertEquals(70, pixel(grid, 7 * 7 + 1, 1), "filter 7: row 7, column 0");
        assertEquals(80, pixel(grid, 0, 7), "filter 8: row 0, column 1");
        assertEquals(90, pixel(grid, 7 + 1, 7 + 1), "filter 9: row 1, column 1");
        assertEquals(0, pixel(grid, 2, 0), "black margins");
        assertEquals(0, pixel(grid, 2 * 7, 7), "no filter 10 at row 2, column 1");
    }

    private static double pixel(INDArray grid, int y, int x) {
        return grid.getDouble(2, y, x);
    }

    private static double meanActivation(MultiLayerNetwork network, INDArray input, int filter) {
        return network.output(input).get(NDArrayIndex.point(0), NDArrayIndex.point(filter)).meanNumber().doubleValue();
    }
}
