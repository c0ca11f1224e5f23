package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.keras.layers.Lstm;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' shared layer as SharedWeights builds it (book section 7.1.5's sentence similarity, small): one weight set,
 * whose gradient is the sum of the two branches' (against an untied twin and by finite differences).
 */
class SharedWeightsTest {

    private static final int FEATURES = 6;
    private static final int STEPS = 5;
    private static final int UNITS = 4;

    /** left and right sequences, one LSTM(4) shared (or one each), concatenated, Dense(1, sigmoid). */
    private static ComputationGraph siamese(boolean shared, Function<Integer, Layer> lstm) {
        GraphBuilder graph = KerasDefaults.network(3).dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("left", "right");
        List<String> encoded;
        if (shared) {
            encoded = SharedWeights.layer(graph, "lstm", lstm.apply(UNITS), "left", "right");
        } else {
            graph.addLayer("lstm_left", lstm.apply(UNITS), "left").addLayer("lstm_right", lstm.apply(UNITS), "right");
            encoded = List.of("lstm_left", "lstm_right");
        }
        graph.addVertex("merged", new MergeVertex(), encoded.toArray(String[]::new))
                .addLayer("prediction", new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1)
                        .activation(Activation.SIGMOID).build(), "merged")
                .setOutputs("prediction")
                .setInputTypes(InputType.recurrent(FEATURES), InputType.recurrent(FEATURES));
        return KerasDefaults.initialise(new ComputationGraph(graph.build()));
    }

    private static Layer kerasLstm(int units) {
        return new Lstm.Builder(units).build();
    }

    private static Layer dl4jLstm(int units) {
        return LayerChoice.DL4J.lstm(FEATURES, units);
    }

    private static INDArray[] inputs() {
        Nd4j.getRandom().setSeed(5);
        return new INDArray[] {Nd4j.rand(DataType.DOUBLE, 8, FEATURES, STEPS).subi(0.5),
                Nd4j.rand(DataType.DOUBLE, 8, FEATURES, STEPS).subi(0.5)};
    }

    private static INDArray[] labels() {
        return new INDArray[] {Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {1}, {0}, {0}, {1}, {0}}) };
    }

    private static ComputationGraph withGradient(ComputationGraph graph) {
        graph.setInputs(inputs());
        graph.setLabels(labels());
        graph.computeGradientAndScore();
        return graph;
    }

    @Test
    void theSharedLayerHasOneSetOfWeights() {
        ComputationGraph shared = siamese(true, SharedWeightsTest::kerasLstm);
        long lstm = 4L * (UNITS * (FEATURES + UNITS) + UNITS);

        assertEquals(lstm + 2 * UNITS + 1, shared.numParams());
        assertEquals(lstm, shared.getLayer("lstm").numParams());
        assertEquals(2 * lstm + 2 * UNITS + 1, siamese(false, SharedWeightsTest::kerasLstm).numParams());
    }

    @Test
    void itsGradientIsTheSumOfTheTwoBranchesGradients() {
        for (Function<Integer, Layer> lstm : List.<Function<Integer, Layer>>of(SharedWeightsTest::kerasLstm,
                SharedWeightsTest::dl4jLstm)) {
            ComputationGraph shared = siamese(true, lstm);
            ComputationGraph untied = siamese(false, lstm);
            INDArray weights = shared.getLayer("lstm").params();
            untied.getLayer("lstm_left").setParams(weights.dup());
            untied.getLayer("lstm_right").setParams(weights.dup());
            untied.getLayer("prediction").setParams(shared.getLayer("prediction").params().dup());

            withGradient(shared);
            withGradient(untied);

            assertEquals(untied.score(), shared.score(), 1e-12);
            INDArray sum = untied.getLayer("lstm_left").getGradientsViewArray()
                    .add(untied.getLayer("lstm_right").getGradientsViewArray());
            INDArray gradient = shared.getLayer("lstm").getGradientsViewArray();
            assertTrue(gradient.equalsWithEps(sum, 1e-12), gradient + " vs " + sum);
            assertTrue(untied.getLayer("lstm_left").getGradientsViewArray().norm2Number().doubleValue() > 1e-6);
        }
    }

    @Test
    void itsGradientIsTheLossesSlopeByFiniteDifferences() {
        ComputationGraph shared = withGradient(siamese(true, SharedWeightsTest::kerasLstm));
        INDArray weights = shared.getLayer("lstm").params();
        // DL4J's gradient is summed over the batch; its updater divides it by the batch size, as the score is averaged
        INDArray gradient = shared.getLayer("lstm").getGradientsViewArray().div(inputs()[0].size(0));
        double h = 1e-6;
        for (long i = 0; i < weights.length(); i += 7) {
            double original = weights.getDouble(i);
            weights.putScalar(i, original + h);
            double up = shared.score(new org.nd4j.linalg.dataset.MultiDataSet(inputs(), labels()), true);
            weights.putScalar(i, original - h);
            double down = shared.score(new org.nd4j.linalg.dataset.MultiDataSet(inputs(), labels()), true);
            weights.putScalar(i, original);
            assertEquals((up - down) / (2 * h), gradient.getDouble(i), 1e-7, "weight " + i);
        }
    }

    @Test
    void aModelCalledAsALayerKeepsItsLayersOnceAndDropsItsHead() {
        ComputationGraphConfiguration base = KerasDefaults.network(1).graphBuilder()
                .addInputs("image")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "image")
                .addLayer("pool", new GlobalPoolingLayer(), "conv")
                .addLayer("head", new OutputLayer.Builder(KerasDefaults.categoricalCrossentropy()).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("head")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .build();
        GraphBuilder graph = KerasDefaults.network(1).graphBuilder().addInputs("left_camera", "right_camera");
        List<String> features = SharedWeights.model(graph, "base", base, "pool", "left_camera", "right_camera");
        ComputationGraph cameras = KerasDefaults.initialise(new ComputationGraph(graph
                .addVertex("merged", new MergeVertex(), features.toArray(String[]::new))
                .addLayer("distance", new OutputLayer.Builder(new org.nd4j.linalg.lossfunctions.impl.LossMSE()).nOut(1)
                        .activation(Activation.IDENTITY).build(), "merged")
                .setOutputs("distance")
                .setInputTypes(InputType.convolutional(8, 8, 3), InputType.convolutional(8, 8, 3))
                .build()));

        assertEquals(List.of("base_on_left_camera", "base_on_right_camera"), features);
        assertEquals(3 * 3 * 3 * 4 + 4 + 8 + 1, cameras.numParams(), "one conv, no head, the distance's Dense(1)");
        Nd4j.getRandom().setSeed(1);
        INDArray left = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        INDArray[] same = cameras.output(false, left, left.dup());
        INDArray twoPairs = cameras.feedForward(new INDArray[] {left, left.dup()}, false).get("merged");
        assertEquals(twoPairs.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)), twoPairs.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)),
                "one base: the same picture on both cameras gives the same features");
        assertEquals(2, same[0].size(0));
    }

    @Test
    void oneInputIsNotShared() {
        GraphBuilder graph = KerasDefaults.network(1).graphBuilder().addInputs("only");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedWeights.layer(graph, "lstm", kerasLstm(4), "only"));
        assertEquals("lstm is shared by two inputs or more, not [only]", e.getMessage());
    }
}
