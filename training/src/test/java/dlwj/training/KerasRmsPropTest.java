package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dlwj.keras.KerasRmsProp;
import dlwj.keras.layers.Dense;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Keras' RMSprop step, on views as DL4J hands them over, against the formula and against DL4J's op. */
class KerasRmsPropTest {

    @Test
    void stepsFollowKerasFormulaFromAZeroAccumulator() {
        int length = 9000; // more than two of the updater's blocks
        INDArray stateStore = Nd4j.rand(DataType.FLOAT, 1, length + 10);
        INDArray gradientStore = Nd4j.zeros(DataType.FLOAT, 1, length + 7);
        INDArray state = stateStore.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(10, length + 10));
        INDArray gradient = gradientStore.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(7, length + 7));
        GradientUpdater<?> updater = new KerasRmsProp(0.01, 0.9, 1e-7).instantiate(state, true);

        double[] accumulator = new double[length];
        Nd4j.getRandom().setSeed(5);
        for (int step = 0; step < 3; step++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 1, length);
            gradient.assign(g);
            updater.applyUpdater(gradient, step, 0);
            float[] expected = new float[length];
            for (int i = 0; i < length; i++) {
                double gi = g.getDouble(0, i);
                accumulator[i] = 0.9 * accumulator[i] + 0.1 * gi * gi;
                expected[i] = (float) (0.01 * gi / (Math.sqrt(accumulator[i]) + 1e-7));
            }
            assertArrayEquals(expected, gradient.toFloatVector(), 1e-6f);
        }
        assertEquals(0f, gradientStore.getFloat(0, 6)); // nothing outside the view is touched
    }

    @Test
    void trainsANetworkAsDl4jsRmsPropStartedFromZero() {
        MultiLayerNetwork keras = network(KerasDefaults.rmsprop(0.01));
        MultiLayerNetwork dl4j = network(new RmsProp(0.01, 0.9, KerasDefaults.RMSPROP_EPSILON));
        dl4j.getUpdater().getStateViewArray().assign(0);
        assertEquals(0.0, keras.getUpdater().getStateViewArray().sumNumber().doubleValue());

        Nd4j.getRandom().setSeed(2);
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 16, 6), Nd4j.rand(DataType.FLOAT, 16, 2));
        for (int step = 0; step < 5; step++) {
            keras.fit(batch);
            dl4j.fit(batch);
        }
        assertArrayEquals(dl4j.params().toFloatVector(), keras.params().toFloatVector(), 1e-5f);
        assertArrayEquals(dl4j.getUpdater().getStateViewArray().toFloatVector(),
                keras.getUpdater().getStateViewArray().toFloatVector(), 1e-7f);
    }

    @Test
    void survivesTheConfigurationsJsonForm() {
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(
                network(KerasDefaults.rmsprop(0.002)).getLayerWiseConfigurations().toJson());
        IUpdater updater = ((BaseLayer) restored.getConf(0).getLayer()).getIUpdater();
        assertInstanceOf(KerasRmsProp.class, updater);
        assertEquals(0.002, ((KerasRmsProp) updater).getLearningRate());
        assertEquals(KerasDefaults.RMSPROP_EPSILON, ((KerasRmsProp) updater).getEpsilon());
    }

    private static MultiLayerNetwork network(IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(4).updater(updater).list()
                .layer(new Dense.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(6))
                .build());
        net.init();
        return net;
    }
}
