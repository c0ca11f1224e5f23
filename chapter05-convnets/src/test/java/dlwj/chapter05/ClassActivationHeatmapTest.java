package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.Examples;
import dlwj.datasets.Fixtures;
import dlwj.training.ModelFiles;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
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
        assertEquals(0, ExampleRun.of(new DogsVsCatsConvnet(), data, "--augment", "--epochs", "1",
                "--batch-size", "8").status());

        ExampleRun run = ExampleRun.of(new ClassActivationHeatmap(), data, "--cats-vs-dogs");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("cats_and_dogs_small_2.zip predicts"), run.output());
        assertTrue(run.output().contains("heatmap of the last convolution: 15 x 15"), run.output());
        // over the original cat picture (the fixture's are 12x9), not the network's 150x150 input
        BufferedImage overlay = ImageIO.read(dir.resolve("out/class-activation-heatmap.png").toFile());
        assertEquals(12, overlay.getWidth());
        assertEquals(9, overlay.getHeight());
        // the 15x15 heatmap on its own, each value 18 pixels square
        assertEquals(15 * 18, ImageIO.read(dir.resolve("out/class-activation-heatmap-raw.png").toFile()).getWidth());

        MultiLayerNetwork model = ModelFiles.loadMultiLayerNetwork(dir.resolve("out/cats_and_dogs_small_2.zip"));
        Nd4j.getRandom().setSeed(4);
        INDArray heatmap = ClassActivationHeatmap.heatmap(model, Nd4j.rand(1, 3, 150, 150), 1);
        assertArrayEquals(new long[] {15, 15}, heatmap.shape());
        assertTrue(heatmap.minNumber().doubleValue() >= 0);
        double max = heatmap.maxNumber().doubleValue();
        assertTrue(max == 1 || max == 0, "normalised to 1 (or all 0): " + max);

        // the scores network is the model's top (sigmoid of its score = the model's output), and its gradient
        // is the score's: a finite difference agrees
        INDArray input = Nd4j.rand(1, 3, 150, 150);
        int last = ClassActivationHeatmap.lastConvolution(model);
        INDArray maps = model.feedForward(input, false).get(last + 1);
        MultiLayerNetwork scores = ClassActivationHeatmap.scores(model, last, maps);
        double score = scores.output(maps).getDouble(0);
        assertEquals(model.output(input).getDouble(0), 1 / (1 + Math.exp(-score)), 1e-5);
        INDArray gradient = ClassActivationHeatmap.scoreGradient(scores, maps, 1);
        long index = Nd4j.argMax(Transforms.abs(gradient).reshape(-1)).getLong(0);
        INDArray nudged = maps.dup().reshape(-1);
        nudged.putScalar(index, nudged.getDouble(index) + 1e-2);
        double slope = (scores.output(nudged.reshape(maps.shape())).getDouble(0) - score) / 1e-2;
        assertEquals(gradient.reshape(-1).getDouble(index), slope, 0.05 * Math.abs(slope) + 1e-5);
        assertEquals(-gradient.reshape(-1).getDouble(index),
                ClassActivationHeatmap.scoreGradient(scores, maps, 0).reshape(-1).getDouble(index), 1e-6);
    }

    @Test
    void aSoftmaxClassifiersGradientIsTheProbabilitysAsInListing542() {
        MultiLayerNetwork logits = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build())
                .build());
        logits.init();
        Nd4j.getRandom().setSeed(5);
        INDArray maps = Nd4j.rand(DataType.DOUBLE, 1, 4);

        INDArray gradient = ClassActivationHeatmap.scoreGradient(logits, maps, 2);

        for (int i = 0; i < 4; i++) {
            INDArray up = maps.dup().putScalar(0, i, maps.getDouble(0, i) + 1e-6);
            INDArray down = maps.dup().putScalar(0, i, maps.getDouble(0, i) - 1e-6);
            double slope = (Transforms.softmax(logits.output(up), true).getDouble(0, 2)
                    - Transforms.softmax(logits.output(down), true).getDouble(0, 2)) / 2e-6;
            assertEquals(slope, gradient.getDouble(0, i), 1e-7);
        }
    }

    @Test
    void theBooksImageNetExampleIsTheDefaultAndRunsOnAWeightsFileWithAClassifier() throws Exception {
        Path weights = dir.resolve("vgg-like-top-weights-8x8.h5");
        try (java.io.InputStream in = getClass().getResourceAsStream("/dlwj/chapter05/vgg-like-top-weights-8x8.h5")) {
            java.nio.file.Files.copy(in, weights);
        }
        Path classes = Fixtures.write(dir.resolve("imagenet_class_index.json"), ("{\"0\": [\"n0\", \"tench\"], "
                + "\"1\": [\"n1\", \"goldfish\"], \"2\": [\"n2\", \"shark\"], \"3\": [\"n3\", \"elephant\"]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path picture = Fixtures.write(dir.resolve("elephants.jpg"), Fixtures.jpeg(300, 200, new java.util.Random(2)));

        ExampleRun run = ExampleRun.of(new ClassActivationHeatmap(), picture.toString(), "--weights",
                weights.toString(), "--local-file", classes.toString(), "--cache-dir", dir.resolve("cache").toString(),
                "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertEquals(3, run.output().lines().filter(l -> l.matches("\\d n\\d \\w+: [01]\\.\\d{4}")).count(), run.output());
        assertTrue(run.output().contains("heatmap of the last convolution: 4 x 4"), run.output());
        // over the original 300x200 picture, not the network's 8x8 input
        BufferedImage overlay = ImageIO.read(dir.resolve("out/class-activation-heatmap.png").toFile());
        assertEquals(300, overlay.getWidth());
        assertEquals(200, overlay.getHeight());
        assertEquals(4 * 64, ImageIO.read(dir.resolve("out/class-activation-heatmap-raw.png").toFile()).getHeight());
    }

    @Test
    void withoutAPictureItSaysInOneLineWhatToPass() {
        StringWriter err = new StringWriter();

        int status = Examples.execute(new ClassActivationHeatmap(), new PrintWriter(err, true), "--out",
                dir.resolve("out").toString());

        assertEquals(2, status, "a usage error");
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("creative_commons_elephant.jpg"), err.toString());
        assertTrue(err.toString().contains("--cats-vs-dogs"), err.toString());
    }
}
