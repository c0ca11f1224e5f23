package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dlwj.keras.NativeRuntime;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fast convolution path computes what DL4J's own does: with the layer helpers on (oneDNN, through the
 * keras-layers' {@code Nd4jCpu} bridge) a convnet's outputs, loss and gradients equal those with
 * the helpers off, on the same weights and data, to float precision (they are computed differently, so
 * not bit for bit: the differences, about 1e-7, show that oneDNN really ran).
 */
class OneDnnHelpersTest {

    private final String original = System.getProperty(NativeRuntime.HELPERS_PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (original == null) {
            System.clearProperty(NativeRuntime.HELPERS_PROPERTY);
        } else {
            System.setProperty(NativeRuntime.HELPERS_PROPERTY, original);
        }
    }

    private static MultiLayerConfiguration convnet() {
        return KerasDefaults.network(11).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).padding(1, 1).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 2))
                .build();
    }

    private static MultiLayerNetwork network(boolean helpers, INDArray params) {
        System.setProperty(NativeRuntime.HELPERS_PROPERTY, Boolean.toString(!helpers));
        MultiLayerNetwork net = new MultiLayerNetwork(convnet());
        net.init(params == null ? null : params.dup(), true);
        return net;
    }

    @Test
    void helpersComputeTheSameOutputsLossAndGradients() {
        MultiLayerNetwork plain = network(false, null);
        MultiLayerNetwork fast = network(true, plain.params());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 2, 10, 10);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(0, 1, 2, 0, 1, 2), 3).castTo(DataType.FLOAT);

        assertNull(((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) plain.getLayer(0)).getHelper());
        assertInstanceOf(MKLDNNConvHelper.class,
                ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) fast.getLayer(0)).getHelper());
        assertEquals(0, plain.output(x).distance2(fast.output(x)), 1e-5);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {plain, fast}) {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertEquals(plain.score(), fast.score(), 1e-5);
        Gradient expected = plain.gradient();
        Gradient actual = fast.gradient();
        for (String name : expected.gradientForVariable().keySet()) {
            assertEquals(0, expected.getGradientFor(name).distance2(actual.getGradientFor(name)), 1e-5, name);
        }
    }

    @Test
    void reusingTheForwardPassInBackpropTrainsTheSameWeights() {
        // KerasDefaults.network caches each layer's forward pass for its backprop (CacheMode.DEVICE), which
        // spares DL4J's convolution layers a second forward convolution per step
        assertEquals(CacheMode.DEVICE, convnet().getCacheMode());
        MultiLayerConfiguration recomputing = convnet();
        recomputing.setCacheMode(CacheMode.NONE);
        for (NeuralNetConfiguration layer : recomputing.getConfs()) {
            layer.setCacheMode(CacheMode.NONE);
        }
        MultiLayerNetwork cached = network(true, null);
        MultiLayerNetwork recomputed = new MultiLayerNetwork(recomputing);
        recomputed.init(cached.params().dup(), true);
        Nd4j.getRandom().setSeed(5);
        for (int step = 0; step < 3; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 2, 10, 10);
            INDArray y = Labels.toCategorical(Nd4j.createFromArray(step % 3, 1, 2, 0, 1, 2), 3).castTo(DataType.FLOAT);
            cached.fit(new DataSet(x, y));
            recomputed.fit(new DataSet(x, y));
        }

        assertEquals(0, recomputed.params().distance2(cached.params()), 1e-6);
    }
}
