package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Dense and Output compute what DL4J's DenseLayer and OutputLayer compute, on the small (plain Java) path, on
 * ND4J's path, and switching between them from batch to batch: outputs, score and gradients on the same
 * weights, and the weights after training through {@code fit} and its workspaces, to float precision.
 */
class OutputTest {

    private static final int FEATURES = 13;

    @TempDir
    Path dir;

    /** Boston housing's model (13-64-64-1), with this project's layers or DL4J's. */
    private static MultiLayerNetwork regression(boolean ours, LossFunction loss) {
        MultiLayerConfiguration conf = KerasDefaults.network(3).list()
                .layer(ours ? new Dense.Builder().nOut(64).activation(Activation.RELU).build()
                        : new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(ours ? new Dense.Builder().nOut(64).activation(Activation.RELU).build()
                        : new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(ours ? new Output.Builder(loss).nOut(2).activation(Activation.IDENTITY).build()
                        : new OutputLayer.Builder(loss).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(FEATURES))
                .build();
        return KerasDefaults.initialise(new MultiLayerNetwork(conf));
    }

    private static DataSet data(int samples) {
        Nd4j.getRandom().setSeed(11);
        return new DataSet(Nd4j.rand(DataType.FLOAT, samples, FEATURES).subi(0.5).muli(4),
                Nd4j.rand(DataType.FLOAT, samples, 2).muli(3));
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative) {
        double scale = Math.max(1e-3, expected.norm2Number().doubleValue());
        assertEquals(0, expected.distance2(actual) / scale, relative, () -> "expected " + expected + " got " + actual);
    }

    /** 1 and 8 samples: the small path (8 x 64 x 64 = 32,768 multiply-adds); 64: ND4J's (262,144). */
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 64})
    void sameOutputsScoreAndGradientsAsDl4jsLayers(int samples) {
        for (LossFunction loss : new LossFunction[] {LossFunction.MSE, LossFunction.MEAN_ABSOLUTE_ERROR}) {
            MultiLayerNetwork dl4j = regression(false, loss);
            MultiLayerNetwork ours = regression(true, loss);
            DataSet data = data(samples);
            assertEquals(dl4j.params(), ours.params(), "same seed, same weights");

            assertClose(dl4j.output(data.getFeatures()), ours.output(data.getFeatures()), 1e-6);
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {dl4j, ours}) {
                net.setInput(data.getFeatures());
                net.setLabels(data.getLabels());
                net.computeGradientAndScore();
            }
            assertEquals(dl4j.score(), ours.score(), 1e-6 * Math.abs(dl4j.score()), loss.name());
            assertClose(dl4j.gradient().gradient(), ours.gradient().gradient(), 1e-6);
            assertEquals(dl4j.score(data, false), ours.score(data, false), 1e-6 * Math.abs(dl4j.score()));
        }
    }

    /** The small path runs no ND4J operation at all (that is what makes it fast); the large one ND4J's products. */
    @Test
    void smallStepsRunNoNativeOperations() {
        MultiLayerNetwork ours = regression(true, LossFunction.MSE);
        assertEquals(0, nativeOperations(ours, data(1)), "1 sample: Java");
        assertEquals(0, nativeOperations(ours, data(8)), "8 samples: Java");
        assertTrue(nativeOperations(ours, data(64)) > 0, "64 samples: ND4J");
    }

    private static long nativeOperations(MultiLayerNetwork net, DataSet data) {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.ALL);
        try {
            OpProfiler.getInstance().reset();
            net.output(data.getFeatures());
            net.setInput(data.getFeatures());
            net.setLabels(data.getLabels());
            net.computeGradientAndScore();
            return OpProfiler.getInstance().getInvocationsCount();
        } finally {
            Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        }
    }

    @Test
    void trainsToTheSameWeightsSwitchingBetweenTheSmallAndLargePaths() {
        MultiLayerNetwork dl4j = regression(false, LossFunction.MSE);
        MultiLayerNetwork ours = regression(true, LossFunction.MSE);
        DataSet data = data(64);

        for (int step = 0; step < 12; step++) {
            int size = step % 3 == 2 ? 64 : 1 + step; // batches of 1 to 11 samples, then all 64
            int start = size == 64 ? 0 : step;
            DataSet batch = new DataSet(data.getFeatures().get(NDArrayIndex.interval(start, start + size)),
                    data.getLabels().get(NDArrayIndex.interval(start, start + size)));
            dl4j.fit(batch);
            ours.fit(batch);
            assertEquals(dl4j.score(), ours.score(), 1e-5 * Math.abs(dl4j.score()), "step " + step);
            ours.output(data.getFeatures()); // inference between steps leaves nothing stale behind
        }

        assertClose(dl4j.params(), ours.params(), 1e-5);
    }

    /**
     * A classifier's Output (softmax with categorical cross-entropy, sigmoid with binary cross-entropy, as the
     * book's MNIST, Reuters and IMDB models) trains as DL4J's OutputLayer does, its products in Java (32 samples:
     * 32 x 64 x 3 multiply-adds) or by ND4J (512 samples), its loss and activation in Java.
     */
    @ParameterizedTest
    @CsvSource({"true, 32", "true, 512", "false, 32", "false, 512"})
    void classifierTrainsAsDl4jsOutputLayer(boolean softmax, int samples) {
        MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
        for (int k = 0; k < 2; k++) {
            OutputLayer.Builder output = k == 0 ? new OutputLayer.Builder() : new Output.Builder();
            output.lossFunction(softmax ? KerasDefaults.categoricalCrossentropy() : KerasDefaults.binaryCrossentropy())
                    .nOut(softmax ? 3 : 1).activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID);
            MultiLayerConfiguration conf = KerasDefaults.network(4).list()
                    .layer(new Dense.Builder().nOut(64).activation(Activation.RELU).build())
                    .layer(output.build())
                    .setInputType(InputType.feedForward(FEATURES))
                    .build();
            nets[k] = KerasDefaults.initialise(new MultiLayerNetwork(conf));
        }
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, samples, FEATURES);
        INDArray classes = Nd4j.rand(DataType.FLOAT, samples).muli(softmax ? 3 : 2).castTo(DataType.INT32);
        INDArray y = softmax ? Labels.toCategorical(classes, 3).castTo(DataType.FLOAT)
                : classes.castTo(DataType.FLOAT).reshape(samples, 1);
        for (int step = 0; step < 5; step++) {
            nets[0].fit(x, y);
            nets[1].fit(x, y);
            assertEquals(nets[0].score(), nets[1].score(), 1e-6 * nets[0].score());
        }
        assertClose(nets[0].params(), nets[1].params(), 1e-6);
        assertClose(nets[0].output(x), nets[1].output(x), 1e-6);
        assertEquals(nets[0].score(new DataSet(x, y), false), nets[1].score(new DataSet(x, y), false), 1e-6);

        INDArray saturating = x.mul(300); // probabilities past the loss' clipping, both ways
        for (MultiLayerNetwork net : nets) {
            net.setInput(saturating);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertEquals(nets[0].score(), nets[1].score(), 1e-5 * nets[0].score());
        assertClose(nets[0].gradient().gradient(), nets[1].gradient().gradient(), 1e-5);
    }

    @Test
    void savesAndLoadsWithDl4jsModelFiles() {
        MultiLayerNetwork ours = regression(true, LossFunction.MSE);
        ours.fit(data(1));

        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(ours, dir.resolve("output.zip")));

        assertEquals(ours.output(data(4).getFeatures()), loaded.output(data(4).getFeatures()));
        assertTrue(loaded.getLayerWiseConfigurations().getConf(2).getLayer() instanceof Output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DOUBLE", "FLOAT"}) // DL4J's loss function computes the first, the layer's Java the second
    void softmaxCrossEntropyGivesTheTrueGradientForTargetsThatDoNotSumToOne(DataType type) {
        // listing 7.1 trains on uniform random targets; Keras (TensorFlow) differentiates -sum(y log p) exactly,
        // dL/dz = p * sum(y) - y, where DL4J's p - y holds for one-hot labels only
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(5).dataType(type).list()
                .layer(new Output.Builder(KerasDefaults.categoricalCrossentropy()).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(2))
                .build());
        KerasDefaults.initialise(net);
        INDArray x = Nd4j.createFromArray(new double[][] {{0.4, -1.2}}).castTo(type);
        INDArray y = Nd4j.createFromArray(new double[][] {{0.3, 0.9, 0.5}}).castTo(type);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();

        INDArray p = Transforms.softmax(x.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b")), true);
        INDArray dz = p.mul(y.sumNumber().doubleValue()).subi(y);
        double tolerance = type == DataType.DOUBLE ? 1e-9 : 1e-5;
        assertClose(x.transpose().mmul(dz), net.gradient().getGradientFor("0_W"), tolerance);
        assertClose(dz.reshape(3), net.gradient().getGradientFor("0_b").reshape(3), tolerance);
    }
}
