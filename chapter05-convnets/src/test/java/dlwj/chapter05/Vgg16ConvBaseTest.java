package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import dlwj.keras.layers.Dense;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' weights in DL4J: a reduced VGG-like stack written in exactly the layout of Keras' weight files,
 * and its output for one picture computed independently with numpy (src/test/python/vgg_like_reference.py).
 */
class Vgg16ConvBaseTest {

    private static Path resource(String name) throws Exception {
        return Path.of(Vgg16ConvBaseTest.class.getResource("/dlwj/chapter05/" + name).toURI());
    }

    @Test
    void withKerasWeightsTheOutputIsKerasOutput() throws Exception {
        Map<String, NpyArray> reference = Npz.read(resource("vgg-like-reference.npz"), "input", "output");
        MultiLayerNetwork base = Vgg16ConvBase.loadKerasWeights(Vgg16ConvBase.build(LayerChoice.KERAS, new int[][] {{4, 4}, {6}}, 10, 12),
                resource("vgg-like-weights.h5"));

        // channels last (Keras) to channels first (DL4J) and back
        INDArray picture = Nd4j.create(reference.get("input").floats(), new long[] {1, 10, 12, 3}, 'c')
                .permute(0, 3, 1, 2).dup('c');
        INDArray output = base.output(picture).permute(0, 2, 3, 1).dup('c');

        assertArrayEquals(new long[] {1, 2, 3, 6}, output.shape());
        float[] expected = reference.get("output").floats();
        float[] actual = output.data().asFloat();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "output value " + i);
        }
    }

    @Test
    void withTheClassifierTheProbabilitiesAreKerasProbabilities() throws Exception {
        Map<String, NpyArray> reference = Npz.read(resource("vgg-like-reference.npz"), "input", "probabilities");
        MultiLayerNetwork model = Vgg16ConvBase.withTop(resource("vgg-like-top-weights.h5"), 10, 12);

        INDArray picture = Nd4j.create(reference.get("input").floats(), new long[] {1, 10, 12, 3}, 'c')
                .permute(0, 3, 1, 2).dup('c');
        float[] probabilities = model.output(picture).data().asFloat();

        assertArrayEquals(reference.get("probabilities").floats(), probabilities, 1e-5f);
        assertEquals("predictions", model.getLayer(model.getnLayers() - 1).conf().getLayer().getLayerName());
        assertEquals(8, Vgg16ConvBase.topInputSize(resource("vgg-like-top-weights-8x8.h5")), "2 x 2 cells after 2 poolings");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Vgg16ConvBase.withTop(resource("vgg-like-weights.h5"), 10, 12));
        assertTrue(e.getMessage().contains("'notop' file"), e.getMessage());
    }

    @Test
    void theFileDescribesTheBase() throws Exception {
        MultiLayerNetwork base = Vgg16ConvBase.fromKerasWeights(LayerChoice.KERAS, resource("vgg-like-weights.h5"), 10, 12);

        assertEquals(5, base.getnLayers());
        assertEquals("block2_pool", base.getLayer(4).conf().getLayer().getLayerName());
        assertEquals(3 * 3 * 3 * 4 + 4 + 3 * 3 * 4 * 4 + 4 + 3 * 3 * 4 * 6 + 6, base.numParams());
    }

    @Test
    void theFullBaseHasVgg16sShapeAndParameters() {
        MultiLayerNetwork base = Vgg16ConvBase.build(LayerChoice.KERAS, 150, 150);

        // Keras: conv_base.summary() for input_shape=(150, 150, 3) ends in (None, 4, 4, 512), 14,714,688 parameters
        assertEquals(14_714_688, base.numParams());
        assertArrayEquals(new long[] {2, 512, 4, 4}, base.output(Nd4j.rand(2, 3, 150, 150)).shape());
        assertEquals("block5_conv3", base.getLayer(16).conf().getLayer().getLayerName());
    }

    @Test
    void frozenLayersKeepTheirWeightsWhileTheOthersTrain() throws Exception {
        Path weights = resource("vgg-like-weights.h5");
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.network(1).list();
        // set_trainable from block2_conv1 on, as the book's fine-tuning does from block5_conv1
        Vgg16ConvBase.layers(LayerChoice.KERAS, Vgg16ConvBase.blocksOf(weights), name -> name.startsWith("block1")).forEach(list::layer);
        list.layer(new Dense.Builder().nOut(8).activation(Activation.RELU).build());
        list.layer(new OutputLayer.Builder().lossFunction(KerasDefaults.binaryCrossentropy()).nOut(1)
                .activation(Activation.SIGMOID).build());
        MultiLayerNetwork model = new MultiLayerNetwork(list.setInputType(InputType.convolutional(10, 12, 3)).build());
        model.init();
        Vgg16ConvBase.loadKerasWeights(model, weights);
        INDArray block1Before = model.getLayer(0).params().dup();
        INDArray block1SecondBefore = model.getLayer(1).params().dup();
        INDArray block2Before = model.getLayer(3).params().dup();
        INDArray denseBefore = model.getLayer(5).params().dup();

        Nd4j.getRandom().setSeed(3);
        model.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 16, 3, 10, 12), Nd4j.rand(DataType.FLOAT, 16, 1).gt(0.5)
                .castTo(DataType.FLOAT)));

        assertEquals(block1Before, model.getLayer(0).params());
        assertEquals(block1SecondBefore, model.getLayer(1).params());
        assertNotEquals(block2Before, model.getLayer(3).params());
        assertNotEquals(denseBefore, model.getLayer(5).params());
        assertTrue(ModelSummary.of(model, InputType.convolutional(10, 12, 3)).contains("Non-trainable params: 260"));
    }

    @Test
    void aFileForAnotherArchitectureIsOneMessage() throws Exception {
        MultiLayerNetwork other = Vgg16ConvBase.build(LayerChoice.KERAS, new int[][] {{5, 4}, {6}}, 10, 12);

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Vgg16ConvBase.loadKerasWeights(other, resource("vgg-like-weights.h5")));
        assertTrue(e.getMessage().contains("block1_conv1's kernel is [3, 3, 3, 4]"), e.getMessage());
    }

    @Test
    void theBaseIsTheSameWithDl4jsPooling() {
        MultiLayerNetwork ours = Vgg16ConvBase.build(LayerChoice.KERAS, new int[][] {{4, 4}, {6}}, 10, 12);
        MultiLayerNetwork stock = Vgg16ConvBase.build(LayerChoice.DL4J, new int[][] {{4, 4}, {6}}, 10, 12);
        LayerChoice.copyWeights(ours, stock);
        Nd4j.getRandom().setSeed(13);
        INDArray pictures = Nd4j.rand(DataType.FLOAT, 2, 3, 10, 12);

        assertEquals(0, ours.output(pictures).distance2(stock.output(pictures)), 1e-6);
    }
}
