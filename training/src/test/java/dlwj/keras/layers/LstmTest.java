package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentFixtures.alone;
import static dlwj.keras.layers.RecurrentFixtures.assertLearnsTheSum;
import static dlwj.keras.layers.RecurrentFixtures.ncw;
import static dlwj.keras.layers.RecurrentFixtures.sumOfTheFirstFeature;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Lstm computes Keras 2.0.8's LSTM, forward and backward, as DL4J's LSTM does, and trains and saves in DL4J. */
class LstmTest {

    @TempDir
    Path dir;

    @Test
    void forwardMatchesKeras208sLstmStepByStep() {
        // from src/test/python/recurrent_reference.py lstm: numpy on the formulas of LSTM.step in Keras 2.0.8
        double[][] kernel = {
            {0.05, 1.34, 0.80, -0.65, -0.84, 0.56, -1.00, -0.32, 0.35, -0.26, -1.49, 1.15, 1.15, -0.60, 0.27, 1.44},
            {1.04, -1.30, -0.62, -0.64, 0.97, 0.38, -1.17, -1.50, 1.33, -1.08, -0.24, -0.46, 1.11, -0.21, 0.99, 0.65},
            {-1.14, 0.29, -1.11, -1.27, 0.99, -0.11, -1.01, 0.14, 0.27, 0.82, 0.47, 0.17, -0.97, -0.78, 0.02, -0.31}};
        double[][] recurrentKernel = {
            {-0.03, 0.91, 0.80, 0.01, 0.64, 0.66, -0.54, -0.84, -0.07, 0.76, -0.70, -0.54, 0.84, -0.74, 0.83, -0.53},
            {0.23, 0.90, -0.49, -0.10, 0.95, -0.52, -0.60, 0.38, 0.69, -0.09, -0.80, 0.25, -0.83, -0.89, -0.31, 0.81},
            {0.60, -0.23, -0.81, -0.75, 0.07, 0.01, 0.01, -0.75, 0.58, 0.19, 0.52, -0.08, -0.85, 0.20, -0.13, -0.99},
            {-0.91, -0.16, 0.76, -0.13, 0.29, 0.14, -0.52, -0.41, -0.99, -0.74, 0.06, 0.29, -0.71, 0.38, 0.21, 0.93}};
        double[][] bias = {
            {0.34, 0.02, 0.10, -0.41, 0.45, 0.40, 0.06, -0.22, 0.14, -0.08, 0.13, -0.10, -0.20, -0.10, 0.35, 0.34}};
        double[][] x = {
            {-0.86, -0.64, -0.06},
            {-0.46, -0.68, 0.12},
            {-1.61, -1.91, -1.24},
            {1.85, 1.04, 0.09},
            {-1.51, 1.99, 1.55},
            {1.84, 0.26, -0.81},
            {-1.26, 1.12, -1.38},
            {0.40, 0.95, 0.27},
            {1.18, 1.71, -1.68},
            {-1.53, -1.54, -0.85}};
        double[][] expected = {
            {-0.043172656210491774, 0.1726339185613802, 0.16176800016591367, -0.0951909309585435},
            {-0.05261097945294615, 0.26146393765169473, 0.22089399763511786, -0.1294585317225887},
            {-0.0, 0.4933734017236298, 0.05538614624616369, -0.0},
            {0.4099639231352669, -0.0298175716606937, -0.45796452082284966, -0.06967760138991624},
            {0.31530794394039174, -0.03949039667312498, -0.0005130577441998567, -0.012227772843811817},
            {0.533828863825779, -0.2486427532515895, -0.5333603282466469, 0.3194302982901314},
            {0.360701005717968, -0.3704992147998135, -0.2216307157490379, -0.3405057843093155},
            {0.691320598852967, -0.17122104188098802, -0.2739434186019776, -0.12529696812619712},
            {0.8855355876937484, -0.324430031942418, -0.7837645633026004, -0.12500009339018783},
            {0.06852812940572972, 0.09414551092437375, -0.06834534278399597, -0.0}};

        for (boolean sequences : new boolean[] {true, false}) {
            MultiLayerNetwork net = alone(new Lstm.Builder(4).returnSequences(sequences).build(), 3);
            Layer lstm = net.getLayer(0);
            lstm.setParam("W", Nd4j.createFromArray(kernel));
            lstm.setParam("RW", Nd4j.createFromArray(recurrentKernel));
            lstm.setParam("b", Nd4j.createFromArray(bias));

            INDArray output = net.output(ncw(x, 2));

            if (sequences) {
                assertArrayEquals(new long[] {2, 4, 5}, output.shape());
                assertArrayEquals(Nd4j.createFromArray(expected).data().asDouble(),
                        output.permute(0, 2, 1).dup('c').data().asDouble(), 1e-12);
            } else {
                assertArrayEquals(new long[] {2, 4}, output.shape());
                assertArrayEquals(expected[4], output.getRow(0).toDoubleVector(), 1e-12);
                assertArrayEquals(expected[9], output.getRow(1).toDoubleVector(), 1e-12);
            }
        }
    }

    @Test
    void kerasDefaultsInitialiseTheWeights() {
        Lstm conf = new Lstm.Builder(16).build();
        MultiLayerNetwork net = alone(conf, 40);
        INDArray kernel = net.getLayer(0).getParam("W");
        INDArray recurrent = net.getLayer(0).getParam("RW");

        assertEquals(Activation.TANH.getActivationFunction(), conf.getActivationFn());
        assertEquals(new ActivationHardSigmoid(), conf.getRecurrentActivationFn());
        assertArrayEquals(new long[] {40, 64}, kernel.shape());
        assertArrayEquals(new long[] {16, 64}, recurrent.shape());
        // glorot_uniform over the whole kernel: limit sqrt(6 / (40 + 64))
        double limit = Math.sqrt(6.0 / (40 + 64));
        double largest = kernel.amaxNumber().doubleValue();
        assertTrue(largest <= limit && largest > 0.98 * limit, "largest |w| " + largest);
        assertTrue(recurrent.mmul(recurrent.transpose()).equalsWithEps(Nd4j.eye(16).castTo(DataType.DOUBLE), 1e-10));
        // unit_forget_bias: the forget gate's block (the second, i f c o) starts at one, the others at zero
        double[] biases = net.getLayer(0).getParam("b").toDoubleVector();
        for (int i = 0; i < 64; i++) {
            assertEquals(i >= 16 && i < 32 ? 1 : 0, biases[i], 0, "bias " + i);
        }
    }

    @Test
    void computesWhatDl4jsLstmComputesWithItsGatesReordered() {
        // DL4J's LSTM orders its blocks (c, f, o, i), Keras (i, f, c, o); both on Keras' hard sigmoid
        MultiLayerNetwork ours = alone(new Lstm.Builder(5).build(), 3);
        MultiLayerNetwork dl4j = alone(new LastTimeStep(new LSTM.Builder().nOut(5).activation(Activation.TANH)
                .gateActivationFunction(Activation.HARDSIGMOID).build()), 3);
        Layer lstm = ours.getLayer(0);
        int[] dl4jBlockOfKeras = {3, 1, 0, 2};
        for (String param : new String[] {"W", "RW", "b"}) {
            INDArray keras = lstm.getParam(param);
            INDArray reordered = dl4j.getLayer(0).getParam(param).dup();
            for (int gate = 0; gate < 4; gate++) {
                reordered.get(all(), KerasRecurrentImpl.gateColumns(dl4jBlockOfKeras[gate], 5))
                        .assign(keras.get(all(), KerasRecurrentImpl.gateColumns(gate, 5)));
            }
            dl4j.getLayer(0).setParam(param, reordered);
        }
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 9).subi(0.5).muli(4);

        // libnd4j's double tanh differs from Java's by up to about 1e-8
        assertTrue(ours.output(x).equalsWithEps(dl4j.output(x), 1e-7), ours.output(x) + "\n" + dl4j.output(x));
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        // with and without the sequence output; Keras' hard sigmoid gates and sigmoid ones
        for (Activation gates : new Activation[] {Activation.HARDSIGMOID, Activation.SIGMOID}) {
            for (boolean sequences : new boolean[] {true, false}) {
                MultiLayerNetwork net = alone(new Lstm.Builder(3).returnSequences(sequences)
                        .recurrentActivation(gates).build(), 4);
                Layer lstm = net.getLayer(0);
                Nd4j.getRandom().setSeed(11);
                lstm.setParams(Nd4j.rand(DataType.DOUBLE, 1, lstm.numParams()).subi(0.5).muli(2));
                INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5).subi(0.5).muli(3);
                INDArray weights = Nd4j.rand(DataType.DOUBLE, sequences ? new long[] {2, 3, 5} : new long[] {2, 3})
                        .subi(0.5);

                FiniteDifferences.assertGradients(lstm, x, weights, true, gates + ", sequences " + sequences);
            }
        }
    }

    @Test
    void masksDropOutAndOtherActivationsAreRefusedWithAReason() {
        MultiLayerNetwork net = alone(new Lstm.Builder(3).build(), 2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 4);

        Exception masked = assertThrows(UnsupportedOperationException.class,
                () -> net.output(x, false, Nd4j.ones(DataType.DOUBLE, 2, 4), null));
        Exception dropOut = assertThrows(IllegalArgumentException.class,
                () -> alone(new Lstm.Builder(3).dropOut(0.5).build(), 2));
        Exception softsign = assertThrows(IllegalArgumentException.class,
                () -> alone(new Lstm.Builder(3).activation(Activation.SOFTSIGN).build(), 2));

        assertTrue(masked.getMessage().contains("Lstm does not support masks"), masked.getMessage());
        assertTrue(dropOut.getMessage().contains("Lstm has no dropout"), dropOut.getMessage());
        assertTrue(softsign.getMessage().contains("tanh or relu, with hard_sigmoid or sigmoid gates; given softsign"),
                softsign.getMessage());
    }

    /** Stacked LSTMs (the first returning sequences), then the output: Keras' names and counts in the summary. */
    private static MultiLayerNetwork stacked(long seed) {
        MultiLayerConfiguration conf = KerasDefaults.network(seed).updater(KerasDefaults.rmsprop(0.01)).list()
                .layer(new Lstm.Builder(8).returnSequences(true).build())
                .layer(new Lstm.Builder(6).build())
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(2))
                .build();
        return KerasDefaults.initialise(new MultiLayerNetwork(conf));
    }

    @Test
    void stackedLstmsLearnASequenceTaskThroughTheTrainer() {
        assertLearnsTheSum(stacked(3));
    }

    @Test
    void summarisesAsKerasAndSavesAndLoadsWithModelFiles() {
        MultiLayerNetwork net = stacked(4);
        DataSet data = sumOfTheFirstFeature(16, 3);
        net.fit(data);

        String summary = ModelSummary.of(net, InputType.recurrent(2));
        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("lstm.zip")));

        // Keras: 4 x ((2 + 8) x 8 + 8) = 352 and 4 x ((8 + 6) x 6 + 6) = 360
        assertTrue(summary.contains("lstm_1 (LSTM)                (None, None, 8)           352"), summary);
        assertTrue(summary.contains("lstm_2 (LSTM)                (None, 6)                 360"), summary);
        assertEquals(net.output(data.getFeatures()), loaded.output(data.getFeatures()));
        Lstm first = (Lstm) loaded.getLayerWiseConfigurations().getConf(0).getLayer();
        assertTrue(first.isReturnSequences());
        assertEquals(new ActivationHardSigmoid(), first.getRecurrentActivationFn());
    }
}
