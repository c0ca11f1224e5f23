package dlwj.chapter08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.Examples;
import dlwj.datasets.Fixtures;
import dlwj.datasets.InceptionV3Weights;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Section 8.2: InceptionV3 from Keras' weights, DeepDream's loss and normalised gradient against PyTorch's autograd
 * on the notebook's formulas ({@code src/test/python/deep_dream_reference.py}, InceptionV3 up to mixed5 with every
 * filter count divided by 16), scipy's zoom, and the example end to end on that stand-in.
 */
class DeepDreamTest {

    @TempDir
    Path dir;

    @Test
    void theLossAndItsNormalisedGradientAreTheNotebooks() throws Exception {
        Map<String, NpyArray> reference = Npz.read(resource("deep-dream-reference.npz"), "picture", "loss", "gradient");
        ComputationGraph inception = InceptionV3.fromKerasWeights(resource("inception-v3-like-weights.h5"))
                .convertDataType(DataType.DOUBLE);
        DeepDreamLoss loss = new DeepDreamLoss(inception);

        DeepDreamLoss.ValueAndGradient result = loss.evaluate(channelsFirst(reference.get("picture")));

        double expected = reference.get("loss").doubles()[0];
        assertEquals(expected, result.value(), 1e-6 * expected);
        float[] expectedGradient = reference.get("gradient").floats();
        double[] gradient = result.gradient().permute(0, 2, 3, 1).dup('c').data().asDouble(); // as Keras holds it
        assertEquals(expectedGradient.length, gradient.length);
        for (int i = 0; i < expectedGradient.length; i++) {
            assertEquals(expectedGradient[i], gradient[i], 1e-4 * Math.max(1, Math.abs(expectedGradient[i])),
                    "gradient value " + i);
        }
    }

    /** The folded convolution against its DL4J twin: a convolution without bias, DL4J's batch normalisation, a ReLU. */
    @Test
    void theFoldedNormalisationIsDl4jsBatchNormalizationInInference() {
        Nd4j.getRandom().setSeed(5);
        INDArray kernel = Nd4j.rand(DataType.DOUBLE, 4, 3, 3, 3).subi(0.5);
        INDArray beta = Nd4j.rand(DataType.DOUBLE, 4).subi(0.5);
        INDArray mean = Nd4j.rand(DataType.DOUBLE, 4).subi(0.5);
        INDArray variance = Nd4j.rand(DataType.DOUBLE, 4).addi(0.5);
        MultiLayerNetwork twin = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().eps(1e-3).useLogStd(false).build())
                .layer(new ActivationLayer(Activation.RELU))
                .setInputType(InputType.convolutional(6, 7, 3)).build());
        twin.init();
        twin.getLayer(0).setParam("W", kernel);
        twin.getLayer(1).setParam("gamma", Nd4j.ones(DataType.DOUBLE, 1, 4));
        twin.getLayer(1).setParam("beta", beta.reshape(1, 4));
        twin.getLayer(1).setParam("mean", mean.reshape(1, 4));
        twin.getLayer(1).setParam("var", variance.reshape(1, 4));
        MultiLayerNetwork folded = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .setInputType(InputType.convolutional(6, 7, 3)).build());
        folded.init();
        INDArray[] weights = InceptionV3.foldBatchNormalization(kernel, beta, mean, variance);
        folded.getLayer(0).setParam("W", weights[0]);
        folded.getLayer(0).setParam("b", weights[1]);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 6, 7);

        INDArray expected = twin.output(x, false);

        assertTrue(expected.gt(0).any() && expected.eq(0).any(), "the ReLU cuts some values, not all");
        assertEquals(0, expected.sub(folded.output(x, false)).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void resizeImgIsScipysZoomOfOrderOne() throws Exception {
        Map<String, NpyArray> reference = Npz.read(resource("deep-dream-reference.npz"), "corner", "resized");

        INDArray resized = DeepDream.resizeImg(channelsFirst(reference.get("corner")).castTo(DataType.FLOAT),
                new int[] {7, 15});

        assertArrayEquals(new long[] {1, 3, 7, 15}, resized.shape());
        assertArrayEquals(reference.get("resized").floats(), resized.permute(0, 2, 3, 1).dup('c').data().asFloat(),
                1e-5f);
    }

    @Test
    void theExampleDreamsWithStandInWeights() throws Exception {
        Path picture = Fixtures.write(dir.resolve("photo.jpg"), Fixtures.jpeg(170, 160, new Random(3)));

        ExampleRun run = ExampleRun.of(new DeepDream(), "--picture", picture.toString(), "--weights",
                resource("inception-v3-like-weights.h5").toString(), "--quick",
                "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        // three octaves 1.4 apart, from the smallest up: int(160 / 1.4^2) = 81, int(170 / 1.4^2) = 86
        assertTrue(run.output().contains("Processing image shape (81, 86)\n"), run.output());
        assertTrue(run.output().contains("Processing image shape (114, 121)\n"), run.output());
        assertTrue(run.output().contains("Processing image shape (160, 170)\n"), run.output());
        assertTrue(run.output().contains("...Loss value at 1 : "), run.output());
        assertTrue(!run.output().contains("...Loss value at 2 : "), "--quick's 2 steps an octave\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/dream_at_scale_(81, 86).png")));
        BufferedImage dream = ImageIO.read(dir.resolve("out/final_dream.png").toFile());
        assertEquals(170, dream.getWidth());
        assertEquals(160, dream.getHeight());
    }

    @Test
    void aPictureTooSmallForTheSmallestOctaveIsOneLineBeforeAnyWork() throws Exception {
        Path picture = Fixtures.write(dir.resolve("small.jpg"), Fixtures.jpeg(200, 146, new Random(3)));
        StringWriter err = new StringWriter();

        int status = Examples.execute(new DeepDream(), new PrintWriter(err, true), "--picture", picture.toString(),
                "--out", dir.resolve("out").toString());

        assertEquals(2, status, "a usage error, before the weights are downloaded");
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("is 200 x 146 pixels; the smallest octave, 1.4^2 times smaller, must be at "
                + "least 75 pixels a side for InceptionV3: give a picture at least 147 pixels a side"), err.toString());
    }

    @Test
    void otherWeightsAreRefusedInOneLine() throws Exception {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> InceptionV3.fromKerasWeights(resource("vgg19-like-weights.h5")));
        assertTrue(e.getMessage().contains("vgg19-like-weights.h5 has no convolution without bias: not InceptionV3's "
                + "weights"), e.getMessage());

        InvalidDataFileException partial = assertThrows(InvalidDataFileException.class,
                () -> InceptionV3Weights.NOTOP.validator().validate(resource("inception-v3-like-weights.h5")));
        assertTrue(partial.getMessage().contains("has 50 convolutions without bias and 50 batch normalisations; "
                + "InceptionV3 has 94 of each"), partial.getMessage());
    }

    /** A Keras picture {@code [1, height, width, 3]} as DL4J's {@code [1, 3, height, width]}, in doubles. */
    private static INDArray channelsFirst(NpyArray keras) throws Exception {
        return Nd4j.create(keras.floats(), keras.shape(), 'c').castTo(DataType.DOUBLE).permute(0, 3, 1, 2).dup('c');
    }

    private static Path resource(String name) throws Exception {
        return Path.of(DeepDreamTest.class.getResource("/dlwj/chapter08/" + name).toURI());
    }
}
