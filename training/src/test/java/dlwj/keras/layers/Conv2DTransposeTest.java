package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Conv2DTranspose computes what DL4J's Deconvolution2D computes, forward and backward. */
class Conv2DTransposeTest {

    @TempDir
    Path dir;

    /** The VAE's (3, stride 2, same), the GAN's (4, stride 2, same), and 'valid' ones with and without padding. */
    private static final Object[][] LAYERS = {
        {3, 2, ConvolutionMode.Same, 0},
        {4, 2, ConvolutionMode.Same, 0},
        {3, 2, ConvolutionMode.Truncate, 0},
        {3, 1, ConvolutionMode.Truncate, 1},
    };

    /** conv 3x3 -> the transposed convolution -> conv 3x3 -> sigmoid output, on 9 x 9 x 2 pictures. */
    private static MultiLayerNetwork network(boolean keras, int kernel, int stride, ConvolutionMode mode, int padding) {
        Deconvolution2D.Builder transposed = keras ? new Conv2DTranspose.Builder(kernel, kernel)
                : new Deconvolution2D.Builder(kernel, kernel);
        Layer layer = transposed.nOut(3).stride(stride, stride).padding(padding, padding).convolutionMode(mode)
                .activation(KerasDefaults.leakyRelu()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(4).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(layer)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.convolutional(9, 9, 2))
                .build());
        KerasDefaults.initialise(net);
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(3);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 5, 2, 9, 9),
                Nd4j.rand(DataType.FLOAT, 5, 1).gt(0.5).castTo(DataType.FLOAT));
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsDeconvolution2D() {
        DataSet data = data();
        for (Object[] layer : LAYERS) {
            int kernel = (int) layer[0];
            int stride = (int) layer[1];
            ConvolutionMode mode = (ConvolutionMode) layer[2];
            int padding = (int) layer[3];
            MultiLayerNetwork dl4j = network(false, kernel, stride, mode, padding);
            MultiLayerNetwork keras = network(true, kernel, stride, mode, padding);
            String what = "kernel " + kernel + ", stride " + stride + ", " + mode + ", padding " + padding;

            assertEquals(dl4j.params(), keras.params(), what);
            INDArray dl4jLayerOutput = dl4j.feedForwardToLayer(1, data.getFeatures()).get(2);
            INDArray kerasLayerOutput = keras.feedForwardToLayer(1, data.getFeatures()).get(2);
            assertArrayEquals(dl4jLayerOutput.shape(), kerasLayerOutput.shape(), what);
            assertArrayEquals(dl4jLayerOutput.ravel().toFloatVector(), kerasLayerOutput.ravel().toFloatVector(), 1e-6f, what);
            assertArrayEquals(dl4j.output(data.getFeatures()).toFloatVector(),
                    keras.output(data.getFeatures()).toFloatVector(), 1e-6f, what);
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {dl4j, keras}) {
                net.setInput(data.getFeatures());
                net.setLabels(data.getLabels());
                net.computeGradientAndScore();
            }
            assertEquals(dl4j.score(), keras.score(), 1e-6, what);
            assertArrayEquals(dl4j.gradient().gradient().toFloatVector(), keras.gradient().gradient().toFloatVector(),
                    1e-5f, what);
        }
    }

    @Test
    void aSavedModelLoadsWithItsConv2DTransposeLayer() {
        MultiLayerNetwork net = network(true, 3, 2, ConvolutionMode.Same, 0);
        DataSet data = data();

        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("model.zip")));

        assertEquals(Conv2DTranspose.class, loaded.getLayer(1).conf().getLayer().getClass());
        assertEquals(net.output(data.getFeatures()), loaded.output(data.getFeatures()));
    }
}
