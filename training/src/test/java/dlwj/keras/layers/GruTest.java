package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentFixtures.alone;
import static dlwj.keras.layers.RecurrentFixtures.assertLearnsTheSum;
import static dlwj.keras.layers.RecurrentFixtures.ncw;
import static dlwj.keras.layers.RecurrentFixtures.sumOfTheFirstFeature;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Gru computes Keras 2.0.8's GRU, forward and backward, with its dropout, and trains and saves in DL4J. */
class GruTest {

    @TempDir
    Path dir;

    @Test
    void forwardMatchesKeras208sGruStepByStep() {
        // from src/test/python/recurrent_reference.py gru: numpy on the formulas of GRU.step in Keras 2.0.8
        double[][] kernel = {
            {-1.21, 0.78, -0.76, -1.09, -0.51, -1.25, 0.52, 0.92, 1.45, 0.41, -0.85, 0.15},
            {0.14, -0.80, -1.16, -0.00, -1.04, 0.10, -0.34, 0.56, -0.38, 1.34, 0.83, 0.32},
            {0.35, 0.43, -0.69, 0.75, -0.64, 0.63, -1.31, 0.57, 0.16, 0.16, -0.46, -0.98}};
        double[][] recurrentKernel = {
            {0.08, -0.90, 0.65, 0.42, -0.91, -0.85, -0.98, 0.99, 0.20, -0.64, -0.27, 0.73},
            {-0.10, 0.94, -0.73, 0.43, 0.84, 0.87, 0.87, 0.35, 0.88, 0.05, -0.10, -0.94},
            {0.72, -0.63, 0.46, 0.93, 0.80, 0.67, 0.18, -0.28, -0.67, -0.12, 0.52, -0.12},
            {-0.74, -0.64, 0.99, -0.46, 0.75, -0.67, 0.90, -0.20, 0.31, 0.42, -0.20, 0.82}};
        double[][] bias = {
            {-0.45, -0.00, -0.25, -0.15, 0.24, -0.14, 0.13, 0.47, -0.08, -0.44, -0.42, -0.29}};
        double[][] x = {
            {-0.85, -0.47, 1.34},
            {-1.67, 1.28, 1.27},
            {-0.67, 0.70, 1.93},
            {1.84, 0.68, 1.57},
            {-0.61, 0.53, -1.25},
            {-0.61, 1.94, 1.01},
            {1.33, -1.43, -1.94},
            {1.43, 0.85, 1.43},
            {1.45, 1.18, -0.09},
            {-1.63, -0.75, 0.56}};
        double[][] expected = {
            {-0.220354156255248, -0.3691329976245423, -0.3014353894840685, -0.13717456140245496},
            {-0.28271251556785004, 0.4758840391867006, 0.6671362003806246, -0.18352370853938543},
            {-0.3322390970959964, 0.49676541292351106, -0.09989715827526999, -0.18352370853938543},
            {0.8704467384773164, 0.49676541292351106, -0.9722966363011354, -0.6954769899596215},
            {-0.014617317954784936, -0.11269661042381213, 0.018094781415891992, 0.06927121000485903},
            {-0.2894758526895802, 0.793092073610461, 0.846620889685717, -0.15601498440707418},
            {0.8722379737337146, 0.5887204224076115, 0.4021201737941907, 0.6009091716658613},
            {0.9573266644588097, 0.7485161709498478, -0.905691172158335, -0.003294654884678616},
            {0.9544934678852893, 0.8244100003161516, -0.7066379872130889, 0.370794674853985},
            {0.35624643573948445, -0.18893110578034245, -0.62553057929935, 0.24287352264277395}};

        for (boolean sequences : new boolean[] {true, false}) {
            MultiLayerNetwork net = alone(new Gru.Builder(4).returnSequences(sequences).build(), 3);
            Layer gru = net.getLayer(0);
            gru.setParam("W", Nd4j.createFromArray(kernel));
            gru.setParam("RW", Nd4j.createFromArray(recurrentKernel));
            gru.setParam("b", Nd4j.createFromArray(bias));

            INDArray output = net.output(ncw(x, 2));

            // libnd4j's double tanh differs from numpy's by up to about 1e-8 (its hard sigmoid agrees to 1e-8)
            if (sequences) {
                assertArrayEquals(new long[] {2, 4, 5}, output.shape());
                assertArrayEquals(Nd4j.createFromArray(expected).data().asDouble(),
                        output.permute(0, 2, 1).dup('c').data().asDouble(), 1e-7);
            } else {
                assertArrayEquals(new long[] {2, 4}, output.shape());
                assertArrayEquals(expected[4], output.getRow(0).toDoubleVector(), 1e-7);
                assertArrayEquals(expected[9], output.getRow(1).toDoubleVector(), 1e-7);
            }
        }
    }

    @Test
    void kerasDefaultsInitialiseTheWeights() {
        Gru conf = new Gru.Builder(16).build();
        MultiLayerNetwork net = alone(new Gru.Builder(16).build(), 40);
        INDArray kernel = net.getLayer(0).getParam("W");
        INDArray recurrent = net.getLayer(0).getParam("RW");

        assertEquals(Activation.TANH.getActivationFunction(), conf.getActivationFn());
        assertEquals(new ActivationHardSigmoid(), conf.getRecurrentActivationFn());
        assertArrayEquals(new long[] {40, 48}, kernel.shape());
        assertArrayEquals(new long[] {16, 48}, recurrent.shape());
        // glorot_uniform over the whole kernel: limit sqrt(6 / (40 + 48)) = 0.261
        double limit = Math.sqrt(6.0 / (40 + 48));
        double largest = kernel.amaxNumber().doubleValue();
        assertTrue(largest <= limit && largest > 0.98 * limit, "largest |w| " + largest);
        // orthogonal over the whole [16, 48] recurrent kernel: orthonormal rows
        assertTrue(recurrent.mmul(recurrent.transpose()).equalsWithEps(Nd4j.eye(16).castTo(DataType.DOUBLE), 1e-10));
        assertEquals(0, net.getLayer(0).getParam("b").amaxNumber().doubleValue(), 0);
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        // with and without the sequence output, with and without both dropouts (the same masks in each pass);
        // the last with listing 6.41's relu and sigmoid gates
        for (double[] settings : new double[][] {{1, 0, 0, 0}, {0, 0, 0, 0}, {1, 0.3, 0.4, 0}, {0, 0.5, 0.25, 0},
                {1, 0.1, 0.5, 1}}) {
            boolean sequences = settings[0] == 1;
            boolean relu = settings[3] == 1;
            MultiLayerNetwork net = alone(new Gru.Builder(3).returnSequences(sequences)
                    .dropout(settings[1]).recurrentDropout(settings[2])
                    .activation(relu ? Activation.RELU : Activation.TANH)
                    .recurrentActivation(relu ? Activation.SIGMOID : Activation.HARDSIGMOID).build(), 4);
            Layer gru = net.getLayer(0);
            Nd4j.getRandom().setSeed(11);
            gru.setParams(Nd4j.rand(DataType.DOUBLE, 1, gru.numParams()).subi(0.5).muli(2));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5).subi(0.5).muli(3);
            INDArray weights = Nd4j.rand(DataType.DOUBLE, sequences ? new long[] {2, 3, 5} : new long[] {2, 3})
                    .subi(0.5);
            boolean training = settings[1] + settings[2] > 0;

            FiniteDifferences.assertGradients(gru, x, weights, training, java.util.Arrays.toString(settings));
        }
    }

    @Test
    void inputDropoutKeepsOneScaledMaskPerSequenceInTrainingOnly() {
        // z = hard_sigmoid(-3) = 0 and no recurrent weights: h_t = tanh(x_t * mask_h · I), on inputs of ones
        int units = 8;
        double rate = 0.3;
        MultiLayerNetwork net = alone(new Gru.Builder(units).returnSequences(true).dropout(rate).build(), units);
        Layer gru = net.getLayer(0);
        INDArray kernel = Nd4j.zeros(DataType.DOUBLE, units, 3 * units);
        kernel.get(all(),
                interval(2 * units, 3 * units)).assign(Nd4j.eye(units));
        gru.setParam("W", kernel);
        gru.setParam("RW", Nd4j.zeros(DataType.DOUBLE, units, 3 * units));
        INDArray bias = Nd4j.zeros(DataType.DOUBLE, 1, 3 * units);
        bias.get(all(),
                interval(0, units)).assign(-3);
        gru.setParam("b", bias);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 500, units, 6);

        INDArray training = net.output(ones, true);
        INDArray inference = net.output(ones, false);

        for (double value : inference.dup('c').data().asDouble()) {
            assertEquals(Math.tanh(1), value, 1e-12, "no dropout at inference");
        }
        double kept = Math.tanh(1 / (1 - rate));
        double dropped = 0;
        for (int i = 0; i < 500; i++) {
            for (int unit = 0; unit < units; unit++) {
                double[] steps = training.get(point(i),
                        point(unit)).toDoubleVector();
                for (double step : steps) {
                    assertEquals(steps[0], step, 0, "the same mask at every step");
                }
                assertTrue(steps[0] == 0 || Math.abs(steps[0] - kept) < 1e-12, "0 or scaled by 1/(1-rate)");
                dropped += steps[0] == 0 ? 1 : 0;
            }
        }
        assertEquals(rate, dropped / (500 * units), 0.03);
    }

    @Test
    void recurrentDropoutKeepsOneScaledMaskPerSequenceInTrainingOnly() {
        // z = 0, r = 1, no kernel: h_t = tanh(0.2 + h_tm1 * mask_h), so a unit's mask shows in its whole sequence
        int units = 8;
        double rate = 0.5;
        MultiLayerNetwork net = alone(new Gru.Builder(units).returnSequences(true).recurrentDropout(rate).build(), 2);
        Layer gru = net.getLayer(0);
        gru.setParam("W", Nd4j.zeros(DataType.DOUBLE, 2, 3 * units));
        INDArray recurrent = Nd4j.zeros(DataType.DOUBLE, units, 3 * units);
        recurrent.get(all(),
                interval(2 * units, 3 * units)).assign(Nd4j.eye(units));
        gru.setParam("RW", recurrent);
        INDArray bias = Nd4j.zeros(DataType.DOUBLE, 1, 3 * units);
        bias.get(all(),
                interval(0, units)).assign(-3);
        bias.get(all(),
                interval(units, 3 * units)).assign(3);
        bias.get(all(),
                interval(2 * units, 3 * units)).assign(0.2);
        gru.setParam("b", bias);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 300, 2, 5);

        INDArray training = net.output(x, true);
        INDArray inference = net.output(x, false);

        double[] droppedSteps = new double[5];
        double[] keptSteps = new double[5];
        double[] plainSteps = new double[5];
        double hDropped = 0;
        double hKept = 0;
        double hPlain = 0;
        for (int t = 0; t < 5; t++) {
            hDropped = Math.tanh(0.2);
            hKept = Math.tanh(0.2 + hKept / (1 - rate));
            hPlain = Math.tanh(0.2 + hPlain);
            droppedSteps[t] = hDropped;
            keptSteps[t] = hKept;
            plainSteps[t] = hPlain;
        }
        int dropped = 0;
        for (int i = 0; i < 300; i++) {
            for (int unit = 0; unit < units; unit++) {
                double[] steps = training.get(point(i),
                        point(unit)).toDoubleVector();
                boolean isDropped = Math.abs(steps[1] - droppedSteps[1]) < 1e-12;
                assertArrayEquals(isDropped ? droppedSteps : keptSteps, steps, 1e-12, "one mask for all steps");
                dropped += isDropped ? 1 : 0;
                assertArrayEquals(plainSteps, inference.get(point(i),
                        point(unit)).toDoubleVector(), 1e-12);
            }
        }
        assertEquals(rate, dropped / (300.0 * units), 0.04);
    }

    @Test
    void masksDl4jsDropOutAndOtherActivationsAreRejectedWithAReason() {
        MultiLayerNetwork net = alone(new Gru.Builder(3).build(), 2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 4);

        Exception masked = assertThrows(UnsupportedOperationException.class,
                () -> net.output(x, false, Nd4j.ones(DataType.DOUBLE, 2, 4), null));
        Exception dropOut = assertThrows(IllegalArgumentException.class,
                () -> alone(new Gru.Builder(3).dropOut(0.5).build(), 2));
        Exception softsign = assertThrows(IllegalArgumentException.class,
                () -> alone(new Gru.Builder(3).recurrentActivation(Activation.SOFTSIGN).build(), 2));

        assertTrue(masked.getMessage().contains("does not support masks"), masked.getMessage());
        assertTrue(dropOut.getMessage().contains("dropout(rate)"), dropOut.getMessage());
        assertTrue(softsign.getMessage().contains("with hard_sigmoid or sigmoid gates; given tanh and softsign"),
                softsign.getMessage());
    }

    /** Listing 6.41's shape: stacked GRUs (the first returning sequences), then Dense layers. */
    private static MultiLayerNetwork stacked(long seed) {
        MultiLayerConfiguration conf = KerasDefaults.network(seed).updater(KerasDefaults.rmsprop(0.01)).list()
                .layer(new Gru.Builder(8).dropout(0.1).recurrentDropout(0.2).returnSequences(true).build())
                .layer(new Gru.Builder(6).build())
                .layer(new Dense.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(KerasDefaults.binaryCrossentropy()).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(2))
                .build();
        return KerasDefaults.initialise(new MultiLayerNetwork(conf));
    }

    @Test
    void stackedGrusLearnASequenceTaskThroughTheTrainer() {
        assertLearnsTheSum(stacked(3));
    }

    @Test
    void savesAndLoadsWithModelFiles() {
        MultiLayerNetwork net = stacked(4);
        DataSet data = sumOfTheFirstFeature(16, 3);
        net.fit(data);

        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("gru.zip")));

        assertEquals(net.output(data.getFeatures()), loaded.output(data.getFeatures()));
        Gru first = (Gru) loaded.getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(Gru.class, loaded.getLayerWiseConfigurations().getConf(1).getLayer().getClass());
        assertTrue(first.isReturnSequences());
        assertEquals(0.1, first.getDropout(), 0);
        assertEquals(0.2, first.getRecurrentDropout(), 0);
        assertEquals(new ActivationHardSigmoid(), first.getRecurrentActivationFn());
        assertNotEquals(0, Transforms.abs(net.params()).sumNumber().doubleValue());
    }
}
