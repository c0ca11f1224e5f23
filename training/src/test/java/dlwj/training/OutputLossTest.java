package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossHinge;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The loss from the predictions of one forward pass is DL4J's {@code score(batch, false)}. */
class OutputLossTest {

    private static final int FEATURES = 6;
    private static final int SAMPLES = 40;

    /** Random features, the last quarter of the samples scaled up so that their outputs saturate. */
    private static INDArray features() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, SAMPLES, FEATURES).subi(0.5);
        x.get(NDArrayIndex.interval(3 * SAMPLES / 4, SAMPLES), NDArrayIndex.all()).muli(1e4);
        return x;
    }

    private static INDArray classes(int count) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, SAMPLES, 1);
        for (int i = 0; i < SAMPLES; i++) {
            labels.putScalar(i, 0, i % count);
        }
        return labels;
    }

    private static INDArray oneHot(int count) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, SAMPLES, count);
        for (int i = 0; i < SAMPLES; i++) {
            labels.putScalar(i, i % count, 1);
        }
        return labels;
    }

    private static NeuralNetConfiguration.Builder configuration(List<Regularization> regularization) {
        return KerasDefaults.network(42).regularization(regularization);
    }

    private static MultiLayerNetwork sequential(ILossFunction loss, Activation activation, int outputs,
                                                List<Regularization> regularization) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(regularization).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new DropoutLayer(0.5))
                .layer(new OutputLayer.Builder(loss).nOut(outputs).activation(activation).build())
                .build());
        return KerasDefaults.initialise(net);
    }

    /** The one-pass loss of {@code data} and DL4J's score agree to 1e-5 relative; some predictions are clipped. */
    private static void assertScore(MultiLayerNetwork net, DataSet data, double clipped) {
        INDArray predictions = net.output(data.getFeatures(), false);
        double loss = OutputLoss.of(net.getOutputLayer()).orElseThrow().of(predictions, data.getLabels())
                + net.calcRegularizationScore(true);

        assertEquals(net.score(data, false), loss, 1e-5 * Math.abs(loss));
        assertSaturated(predictions, clipped);
    }

    private static void assertSaturated(INDArray predictions, double clipped) {
        if (clipped > 0) {
            double least = predictions.minNumber().doubleValue();
            double most = predictions.maxNumber().doubleValue();
            assertTrue(least < clipped || most > 1 - clipped, "no prediction within " + clipped + " of 0 or 1");
        }
    }

    @Test
    void binaryCrossentropyOnSigmoid() {
        DataSet data = new DataSet(features(), classes(2));
        for (List<Regularization> regularization : List.of(List.<Regularization>of(), List.of(KerasDefaults.l2(0.01)),
                List.of(KerasDefaults.l1(0.01), KerasDefaults.l2(0.01)))) {
            assertScore(sequential(KerasDefaults.binaryCrossentropy(), Activation.SIGMOID, 1, regularization), data,
                    1e-7);
        }
    }

    @Test
    void categoricalCrossentropyOnSoftmax() {
        DataSet data = new DataSet(features(), oneHot(3));
        for (List<Regularization> regularization : List.of(List.<Regularization>of(), List.of(KerasDefaults.l1(0.01)))) {
            assertScore(sequential(KerasDefaults.categoricalCrossentropy(), Activation.SOFTMAX, 3, regularization),
                    data, 1e-7);
        }
    }

    @Test
    void sparseCategoricalCrossentropyOnSoftmax() {
        assertScore(sequential(KerasDefaults.sparseCategoricalCrossentropy(), Activation.SOFTMAX, 3,
                List.of(KerasDefaults.l2(0.01))), new DataSet(features(), classes(3)), 1e-7);
    }

    @Test
    void meanSquaredAndAbsoluteErrorOnIdentity() {
        Nd4j.getRandom().setSeed(3);
        DataSet data = new DataSet(features(), Nd4j.rand(DataType.FLOAT, SAMPLES, 2));
        List<Regularization> both = List.of(KerasDefaults.l1(0.01), KerasDefaults.l2(0.01));
        assertScore(sequential(new LossMSE(), Activation.IDENTITY, 2, both), data, 0);
        assertScore(sequential(new LossMAE(), Activation.IDENTITY, 2, both), data, 0);
        assertScore(sequential(new LossMSE(), Activation.SIGMOID, 2, List.of()), data, 0);
    }

    /** On an identity activation the predictions are what the loss sees: any loss, in an output or a loss layer. */
    @Test
    void anyLossOnAnIdentityOutputOrLossLayer() {
        INDArray signs = classes(2).muli(2).subi(1);
        DataSet data = new DataSet(features(), signs);
        assertScore(sequential(new LossHinge(), Activation.IDENTITY, 1, List.of(KerasDefaults.l2(0.01))), data, 0);
        MultiLayerNetwork lossLayer = KerasDefaults.initialise(new MultiLayerNetwork(configuration(List.of()).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(1).activation(Activation.TANH).build())
                .layer(new LossLayer.Builder(new LossHinge()).activation(Activation.IDENTITY).build())
                .build()));
        assertScore(lossLayer, data, 0);
    }

    @Test
    void lossesNotDeterminedByThePredictionsAreLeftToDl4j() {
        List<Regularization> none = List.of();
        assertTrue(OutputLoss.of(sequential(new LossHinge(), Activation.SIGMOID, 1, none).getOutputLayer()).isEmpty());
        assertTrue(OutputLoss.of(sequential(new LossMSE(), Activation.RRELU, 1, none).getOutputLayer()).isEmpty());
        MultiLayerNetwork binaryOnSoftmax = new MultiLayerNetwork(configuration(none).list()
                .layer(new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nIn(FEATURES).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .validateOutputLayerConfig(false) // DL4J refuses it unless asked not to check
                .build());
        binaryOnSoftmax.init();
        assertTrue(OutputLoss.of(binaryOnSoftmax.getOutputLayer()).isEmpty());
    }
}
