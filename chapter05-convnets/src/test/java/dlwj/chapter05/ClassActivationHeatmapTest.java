package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.ExampleRun;
import dlwj.training.ModelFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ClassActivationHeatmapTest {

    @TempDir
    Path dir;

    @Test
    void heatmapOfTheLastConvolutionOverThePicture() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        String[] data = {"--quick", "--local-file", dir.resolve("cats_and_dogs_filtered.zip").toString(),
            "--cache-dir", dir.resolve("cache").toString(), "--out", dir.resolve("out").toString()};
        assertEquals(0, ExampleRun.of(new DogsVsCatsConvnet(), concat(data, "--augment", "--epochs", "1",
                "--batch-size", "8")).status());

        ExampleRun run = ExampleRun.of(new ClassActivationHeatmap(), data);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("cats_and_dogs_small_2.zip predicts"), run.output());
        assertTrue(run.output().contains("heatmap of the last convolution: 15 x 15"), run.output());
        BufferedImage overlay = ImageIO.read(dir.resolve("out/class-activation-heatmap.png").toFile());
        assertEquals(150, overlay.getWidth());
        assertEquals(150, overlay.getHeight());

        MultiLayerNetwork model = ModelFiles.loadMultiLayerNetwork(dir.resolve("out/cats_and_dogs_small_2.zip"));
        Nd4j.getRandom().setSeed(4);
        INDArray heatmap = ClassActivationHeatmap.heatmap(model, Nd4j.rand(1, 3, 150, 150), 1);
        assertArrayEquals(new long[] {15, 15}, heatmap.shape());
        assertTrue(heatmap.minNumber().doubleValue() >= 0);
        double max = heatmap.maxNumber().doubleValue();
        assertTrue(max == 1 || max == 0, "normalised to 1 (or all 0): " + max);

        // the gradient the weights come from is the model's: d p / d A = p * (minus the loss gradient for "dog")
        int last = ClassActivationHeatmap.lastConvolution(model);
        INDArray maps = model.feedForward(Nd4j.rand(1, 3, 150, 150), false).get(last + 1);
        MultiLayerNetwork top = ClassActivationHeatmap.top(model, last, maps);
        double p = top.output(maps).getDouble(0);
        INDArray gradient = top.calculateGradients(maps, Nd4j.createFromArray(new float[][] {{1}}), null, null)
                .getSecond().neg();
        long index = Nd4j.argMax(Transforms.abs(gradient).reshape(-1)).getLong(0);
        INDArray nudged = maps.dup().reshape(-1);
        nudged.putScalar(index, nudged.getDouble(index) + 1e-2);
        double slope = (top.output(nudged.reshape(maps.shape())).getDouble(0) - p) / 1e-2;
        assertEquals(p * gradient.reshape(-1).getDouble(index), slope, 0.1 * Math.abs(slope) + 1e-6);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
