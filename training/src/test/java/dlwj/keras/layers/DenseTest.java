package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Dense computes exactly what DL4J's DenseLayer computes, with less work. */
class DenseTest {

    @TempDir
    Path dir;

    private static MultiLayerNetwork network(boolean keras, double dropout) {
        MultiLayerConfiguration conf = KerasDefaults.network(5).dataType(DataType.DOUBLE).list()
                .layer(keras ? new Dense.Builder().nOut(12).activation(Activation.RELU).dropOut(dropout).build()
                        : new DenseLayer.Builder().nOut(12).activation(Activation.RELU).dropOut(dropout).build())
                .layer(keras ? new Dense.Builder().nOut(7).activation(Activation.TANH).build()
                        : new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(10))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 10).subi(0.5);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0), 3)
                .castTo(DataType.DOUBLE);
        return new DataSet(x, y);
    }

    @Test
    void sameInitialisationOutputsLossAndGradientsAsDl4jsDenseLayer() {
        MultiLayerNetwork dl4j = network(false, 0);
        MultiLayerNetwork keras = network(true, 0);
        DataSet data = data();

        assertEquals(dl4j.params(), keras.params(), "same seed, same glorot_uniform weights");
        assertEquals(0, dl4j.output(data.getFeatures()).distance2(keras.output(data.getFeatures())), 1e-12);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {dl4j, keras}) {
            net.setInput(data.getFeatures());
            net.setLabels(data.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), keras.score(), 1e-12);
        assertEquals(0, dl4j.gradient().gradient().distance2(keras.gradient().gradient()), 1e-12);
    }

    @Test
    void trainsToTheSameWeightsThroughFitAndItsWorkspaces() {
        MultiLayerNetwork dl4j = network(false, 0);
        MultiLayerNetwork keras = network(true, 0);
        DataSet data = data();

        for (int step = 0; step < 5; step++) {
            dl4j.fit(data);
            keras.fit(data);
            keras.output(data.getFeatures()); // inference between steps leaves nothing stale behind
        }

        assertEquals(0, dl4j.params().distance2(keras.params()), 1e-10);
    }

    /** Float layers above the small path's size: ND4J's products, the bias and activation in Java. */
    private static MultiLayerNetwork floatNetwork(boolean keras) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(8).list();
        for (Activation activation : new Activation[] {Activation.RELU, Activation.IDENTITY, Activation.RELU}) {
            layers.layer(keras ? new Dense.Builder().nOut(24).activation(activation).build()
                    : new DenseLayer.Builder().nOut(24).activation(activation).build());
        }
        MultiLayerConfiguration conf = layers
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(30))
                .build();
        return KerasDefaults.initialise(new MultiLayerNetwork(conf));
    }

    /** 100 x 30 x 24 = 72,000 multiply-adds for the first layer: above {@link SmallDense#MAX_WORK}. */
    private static DataSet floatData(char order) {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 100, 30).subi(0.5).dup(order);
        INDArray y = Labels.toCategorical(Nd4j.rand(DataType.FLOAT, 100).muli(3).castTo(DataType.INT32), 3)
                .castTo(DataType.FLOAT);
        return new DataSet(x, y);
    }

    @ParameterizedTest
    @ValueSource(chars = {'c', 'f'})
    void floatLayersGiveDl4jsOutputsLossAndGradients(char order) {
        MultiLayerNetwork dl4j = floatNetwork(false);
        MultiLayerNetwork keras = floatNetwork(true);
        DataSet data = floatData(order);

        assertEquals(dl4j.params(), keras.params(), "same seed, same glorot_uniform weights");
        INDArray expected = dl4j.output(data.getFeatures());
        assertEquals(0, expected.distance2(keras.output(data.getFeatures())) / expected.norm2Number().doubleValue(), 1e-6);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {dl4j, keras}) {
            net.setInput(data.getFeatures());
            net.setLabels(data.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), keras.score(), 1e-6 * dl4j.score());
        INDArray gradient = dl4j.gradient().gradient();
        assertEquals(0, gradient.distance2(keras.gradient().gradient()) / gradient.norm2Number().doubleValue(), 1e-5);
    }

    @Test
    void floatLayersTrainToDl4jsWeights() {
        MultiLayerNetwork dl4j = floatNetwork(false);
        MultiLayerNetwork keras = floatNetwork(true);
        DataSet data = floatData('c');

        for (int step = 0; step < 5; step++) {
            dl4j.fit(data);
            keras.fit(data);
            keras.output(data.getFeatures()); // inference between steps leaves nothing stale behind
            assertEquals(dl4j.score(), keras.score(), 1e-5 * dl4j.score(), "step " + step);
        }

        INDArray params = dl4j.params();
        assertEquals(0, params.distance2(keras.params()) / params.norm2Number().doubleValue(), 1e-5);
    }

    /**
     * {@code Dense(12)}, {@code Dense(7)} on 10 inputs, or DL4J's {@code DenseLayer}s, with no output layer: what
     * {@code backpropGradient} takes an external error for.
     */
    private static MultiLayerNetwork hiddenLayers(boolean keras, DataType dataType) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(6).dataType(dataType).list();
        for (int units : new int[] {12, 7}) {
            layers.layer(keras ? new Dense.Builder().nOut(units).activation(Activation.RELU).build()
                    : new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(layers.setInputType(InputType.feedForward(10)).build());
        net.init();
        return net;
    }

    /** The gradient of {@code error . output} with respect to the network's input, as a saliency map takes it. */
    private static INDArray inputGradient(MultiLayerNetwork net, INDArray x, INDArray error) {
        net.setInput(x);
        net.feedForward(true, false);
        return net.backpropGradient(error, LayerWorkspaceMgr.noWorkspaces()).getSecond();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"})
    void theFirstLayerGivesTheInputsGradientWhenAsked(DataType dataType) {
        Nd4j.getRandom().setSeed(3);
        int batch = dataType == DataType.FLOAT ? 1000 : 16; // float: above the small path's size, ND4J's products
        INDArray x = Nd4j.rand(dataType, batch, 10).subi(0.5);
        INDArray error = Nd4j.rand(dataType, batch, 7).subi(0.5);

        INDArray expected = inputGradient(hiddenLayers(false, dataType), x, error);
        INDArray actual = inputGradient(hiddenLayers(true, dataType), x, error);

        assertArrayEquals(new long[] {batch, 10}, actual.shape());
        assertEquals(0, expected.distance2(actual) / expected.norm2Number().doubleValue(), 1e-6);
    }

    /** {@code Dense} or {@code DenseLayer} with dropout 0.5 (DL4J's keep probability) and L2 on its kernel. */
    private static MultiLayerNetwork regularised(boolean keras) {
        MultiLayerConfiguration conf = KerasDefaults.network(7).dataType(DataType.DOUBLE).list()
                .layer(keras ? new Dense.Builder().nOut(12).activation(Activation.RELU).dropOut(0.5).l2(0.01).build()
                        : new DenseLayer.Builder().nOut(12).activation(Activation.RELU).dropOut(0.5).l2(0.01).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(10))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void withDropoutAndL2ItTrainsAsDenseLayerDoes() {
        MultiLayerNetwork dl4j = regularised(false);
        MultiLayerNetwork keras = regularised(true);
        DataSet data = data();

        for (int step = 0; step < 5; step++) {
            Nd4j.getRandom().setSeed(100 + step); // the same dropout masks for both
            dl4j.fit(data);
            Nd4j.getRandom().setSeed(100 + step);
            keras.fit(data);
            assertEquals(dl4j.score(), keras.score(), 1e-12, "step " + step + ": the loss with its L2 term");
        }

        assertEquals(0, dl4j.params().distance2(keras.params()), 1e-12);
    }

    /** A graph of one hidden layer beside a skip of the input, concatenated, then the output: the functional API's. */
    private static ComputationGraph graph(boolean keras) {
        ComputationGraphConfiguration conf = KerasDefaults.network(8).dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("input")
                .addLayer("hidden", keras ? new Dense.Builder().nOut(12).activation(Activation.RELU).build()
                        : new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(), "input")
                .addLayer("second", keras ? new Dense.Builder().nOut(5).activation(Activation.TANH).build()
                        : new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build(), "hidden")
                .addVertex("merged", new MergeVertex(), "second", "input")
                .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merged")
                .setOutputs("output")
                .setInputTypes(InputType.feedForward(10))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void inAComputationGraphItGivesDenseLayersOutputsAndGradients() {
        ComputationGraph dl4j = graph(false);
        ComputationGraph keras = graph(true);
        DataSet data = data();

        assertEquals(dl4j.params(), keras.params(), "same seed, same glorot_uniform weights");
        assertEquals(0, dl4j.outputSingle(data.getFeatures()).distance2(keras.outputSingle(data.getFeatures())), 1e-12);
        for (ComputationGraph graph : new ComputationGraph[] {dl4j, keras}) {
            graph.setInputs(data.getFeatures());
            graph.setLabels(data.getLabels());
            graph.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), keras.score(), 1e-12);
        assertEquals(0, dl4j.gradient().gradient().distance2(keras.gradient().gradient()), 1e-12);
        for (int step = 0; step < 5; step++) {
            dl4j.fit(data);
            keras.fit(data);
        }
        assertEquals(0, dl4j.params().distance2(keras.params()), 1e-10);
    }

    @Test
    void savesAndLoadsWithDl4jsModelFiles() {
        MultiLayerNetwork keras = network(true, 0.5);
        keras.fit(data());

        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(keras, dir.resolve("dense.zip")));

        assertEquals(keras.output(data().getFeatures()), loaded.output(data().getFeatures()));
        assertEquals(Dense.class, loaded.getLayerWiseConfigurations().getConf(0).getLayer().getClass());
    }
}
