package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dlwj.keras.KerasRmsProp;
import dlwj.keras.layers.Dense;
import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Keras' weight regularisers: the loss DL4J reports carries Keras' penalty. */
class KerasDefaultsTest {

    private static double lossWith(List<Regularization> regularization, MultiLayerNetwork[] built) {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(3).dataType(DataType.DOUBLE).list()
                .layer(new Dense.Builder().nOut(5).activation(Activation.RELU).regularization(regularization).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(4))
                .build());
        net.init();
        built[0] = net;
        Nd4j.getRandom().setSeed(1);
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, 8, 4), Nd4j.rand(DataType.DOUBLE, 8, 1));
        return net.score(data, false);
    }

    @Test
    void l2AndL1AddKerasPenaltiesToTheLoss() {
        MultiLayerNetwork[] net = new MultiLayerNetwork[1];
        double plain = lossWith(List.of(), net);
        INDArray kernel = net[0].getLayer(0).getParam("W");

        double withL2 = lossWith(List.of(KerasDefaults.l2(0.001)), net);
        double withL1 = lossWith(List.of(KerasDefaults.l1(0.001)), net);
        double withBoth = lossWith(List.of(KerasDefaults.l1(0.001), KerasDefaults.l2(0.001)), net);

        // Keras: l2(c) adds c * sum(w^2), l1(c) adds c * sum(|w|), to the kernel only
        double squares = kernel.mul(kernel).sumNumber().doubleValue();
        double absolutes = Transforms.abs(kernel).sumNumber().doubleValue();
        assertEquals(plain + 0.001 * squares, withL2, 1e-12);
        assertEquals(plain + 0.001 * absolutes, withL1, 1e-12);
        assertEquals(plain + 0.001 * (squares + absolutes), withBoth, 1e-12);
    }

    @Test
    void crossEntropiesClipProbabilitiesAtKerasEpsilon() {
        // the true class gets a softmax probability of about 1e-13: Keras clips it to 1e-7, DL4J's default to 1e-10
        INDArray preOutput = Nd4j.createFromArray(new double[][] {{0, -30}});
        double clipped = -Math.log(1e-7);

        double categorical = KerasDefaults.categoricalCrossentropy().computeScore(
                Nd4j.createFromArray(new double[][] {{0, 1}}), preOutput.dup(), new ActivationSoftmax(), null, true);
        double sparse = KerasDefaults.sparseCategoricalCrossentropy().computeScore(
                Nd4j.createFromArray(new double[][] {{1}}), preOutput.dup(), new ActivationSoftmax(), null, true);

        assertEquals(clipped, categorical, 1e-6);
        assertEquals(clipped, sparse, 1e-6);
    }

    @Test
    void rmspropIsKeras208s() {
        KerasRmsProp rmsprop = KerasDefaults.rmsprop();

        assertEquals(1e-3, rmsprop.getLearningRate(), 0);
        assertEquals(0.9, rmsprop.getRmsDecay(), 0);
        assertEquals(1e-8, rmsprop.getEpsilon(), 0);
    }

    /** Keras' {@code decay}: {@code lr / (1 + decay * iterations)}, through the copy DL4J makes of the updater. */
    @Test
    void rmspropDecaysItsRateAsKeras() {
        KerasRmsProp rmsprop = KerasDefaults.rmsprop(0.0008, 1e-2).clone();

        assertEquals(0.0008, rmsprop.getLearningRate(0, 0), 1e-12);
        assertEquals(0.0008 / (1 + 1e-2 * 100), rmsprop.getLearningRate(100, 0), 1e-12);
        assertEquals(0.0008 / (1 + 1e-2 * 1000), rmsprop.getLearningRate(1000, 3), 1e-12);
    }

    /** Keras' {@code clipvalue}: no element of an update (plain SGD at rate 1 here) beyond the threshold. */
    @Test
    void clipValueBoundsEachGradientElement() {
        MultiLayerNetwork network = new MultiLayerNetwork(KerasDefaults.clipValue(KerasDefaults.network(1)
                .updater(new Sgd(1.0)), 0.01).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        network.init();
        INDArray before = network.params().dup();

        network.fit(new DataSet(Nd4j.ones(DataType.FLOAT, 4, 3).muli(100), Nd4j.ones(DataType.FLOAT, 4, 2).muli(-1e4)));

        INDArray step = network.params().sub(before);
        assertEquals(0.01, Transforms.abs(step).maxNumber().doubleValue(), 1e-6, "every element clipped to 0.01");
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        MultiLayerNetwork first = KerasDefaults.initialise(new MultiLayerNetwork(smallNetwork(7)));
        Nd4j.rand(DataType.FLOAT, 100); // anything drawn in between must not matter
        MultiLayerNetwork again = KerasDefaults.initialise(new MultiLayerNetwork(smallNetwork(7)));
        MultiLayerNetwork other = KerasDefaults.initialise(new MultiLayerNetwork(smallNetwork(8)));

        assertEquals(first.params(), again.params());
        assertNotEquals(first.params(), other.params());
    }

    private static org.deeplearning4j.nn.conf.MultiLayerConfiguration smallNetwork(long seed) {
        return KerasDefaults.network(seed).list()
                .layer(new Dense.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.categoricalCrossentropy()).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5))
                .build();
    }

    @Test
    void dl4jsHardSigmoidIsKeras() {
        // Keras 2.0.8's backend: clip(0.2 x + 0.5, 0, 1)
        double[] x = {-3, -2.5, -1, 0, 0.5, 1, 2.5, 3};
        INDArray y = Activation.HARDSIGMOID.getActivationFunction()
                .getActivation(Nd4j.createFromArray(x), false);

        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.min(1, Math.max(0, 0.2 * x[i] + 0.5)), y.getDouble(i), 1e-8, "x = " + x[i]);
        }
    }

    @Test
    void embeddingHasKerasDefaults() {
        MultiLayerNetwork net = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(5).list()
                .layer(KerasDefaults.embedding(1000, 8).inputLength(4).build())
                .build()));
        INDArray embeddings = net.getLayer(0).getParam("W");

        assertEquals(1000 * 8, net.numParams(), "no bias");
        assertTrue(embeddings.amaxNumber().doubleValue() <= 0.05);
        assertTrue(embeddings.amaxNumber().doubleValue() > 0.049, "uniform in [-0.05, 0.05]");
        assertTrue(embeddings.minNumber().doubleValue() < -0.049);
        // no activation: the output is the looked-up row
        INDArray out = net.output(Nd4j.createFromArray(new float[][] {{3, 0, 999, 3}}));
        assertEquals(embeddings.getRow(999).castTo(out.dataType()), out.get(all(), all(), interval(2, 3)).reshape(8));
    }
}
