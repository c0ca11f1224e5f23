package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** JavaRelu's backward pass gives DL4J's ReLU's, and initialise puts it in place of plain ReLU only. */
class JavaReluTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(chars = {'c', 'f'})
    void backpropIsDl4jsOnBothSidesOfZero(char order) {
        Nd4j.getRandom().setSeed(2);
        INDArray z = Nd4j.rand(DataType.FLOAT, 3, 5, 7, 40_001 % 9 + 11).subi(0.5).dup(order);
        z.putScalar(0, 0f); // exactly zero: no gradient, as DL4J's
        z.putScalar(1, -0f);
        z.putScalar(2, Float.MIN_VALUE); // the smallest positive float: gradient
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, z.shape()).subi(0.5).dup(order);

        INDArray expected = new ActivationReLU().backprop(z.dup(order), epsilon.dup(order)).getFirst();
        INDArray actual = new JavaRelu().backprop(z, epsilon).getFirst();

        assertEquals(expected, actual);
        assertEquals(0f, actual.getFloat(0), 0f);
        assertEquals(0f, actual.getFloat(1), 0f);
        assertEquals(epsilon.getFloat(2), actual.getFloat(2));
    }

    @Test
    void initialiseReplacesPlainReluOnlyAndTheModelSavesAndLoads() {
        MultiLayerNetwork network = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(new ActivationReLU(6.0, 0.0, 0.0)).build())
                .layer(new Dense.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new Output.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build()));

        assertInstanceOf(JavaRelu.class, activation(network, 0));
        assertFalse(activation(network, 1) instanceof JavaRelu, "ReLU6 is not plain ReLU");
        assertInstanceOf(JavaRelu.class, activation(network, 2));
        assertEquals("relu", activation(network, 0).toString());
        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(network, dir.resolve("relu.zip")));
        assertTrue(activation(loaded, 0) instanceof JavaRelu);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8);
        assertEquals(network.output(x), loaded.output(x));
    }

    private static Object activation(MultiLayerNetwork network, int layer) {
        return ((org.deeplearning4j.nn.conf.layers.BaseLayer) network.getLayerWiseConfigurations().getConf(layer)
                .getLayer()).getActivationFn();
    }
}
