package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.ExampleRun;
import dlwj.training.book.Vgg16ConvBase;
import dlwj.training.book.VggLikeWeights;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Gradient ascent on the small VGG-like stack in Keras' weight-file layout. */
class FilterPatternsTest {

    @TempDir
    Path dir;

    @Test
    void gradientAscentRaisesTheFiltersMeanActivation() throws Exception {
        MultiLayerNetwork base = Vgg16ConvBase.fromKerasWeights(VggLikeWeights.copyTo(dir), 24, 24);
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
    void drawsAGridPerLayer() throws Exception {
        ExampleRun run = ExampleRun.of(new FilterPatterns(), "--weights", VggLikeWeights.copyTo(dir).toString(),
                "--layers", "block1_conv1,block2_conv1", "--size", "20", "--steps", "3", "--out",
                dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        BufferedImage grid = ImageIO.read(dir.resolve("out/filters-block2_conv1.png").toFile());
        assertEquals(8 * (20 + 2) + 2, grid.getWidth(), "8 per row");
        assertEquals(20 + 2 + 2, grid.getHeight(), "6 filters: one row");
        assertTrue(run.output().contains("block1_conv1: 4 filters"), run.output());
        assertEquals(1, ExampleRun.of(new FilterPatterns(), "--weights", dir.resolve("vgg-like-weights.h5").toString(),
                "--layers", "block9_conv1", "--out", dir.resolve("out").toString()).status());
    }

    private static double meanActivation(MultiLayerNetwork network, INDArray input, int filter) {
        return network.output(input).get(NDArrayIndex.point(0), NDArrayIndex.point(filter)).meanNumber().doubleValue();
    }
}
