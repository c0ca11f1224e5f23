package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentFixtures.alone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** SimpleRnn computes Keras' SimpleRNN as DL4J's SimpleRnn does, forward and backward, with Keras' defaults. */
class SimpleRnnTest {

    @TempDir
    Path dir;

    @Test
    void computesWhatDl4jsSimpleRnnComputesWithTheSameWeights() {
        for (boolean sequences : new boolean[] {true, false}) {
            MultiLayerNetwork ours = alone(new SimpleRnn.Builder(6).returnSequences(sequences).build(), 4);
            org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn dl4jLayer =
                    new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nOut(6)
                            .activation(Activation.TANH).build();
            MultiLayerNetwork dl4j = alone(sequences ? dl4jLayer : new LastTimeStep(dl4jLayer), 4);
            dl4j.setParams(ours.params());
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 8).subi(0.5).muli(4);

            INDArray output = ours.output(x);

            assertArrayEquals(sequences ? new long[] {3, 6, 8} : new long[] {3, 6}, output.shape());
            // libnd4j's double tanh differs from Java's by up to about 1e-8
            assertTrue(output.equalsWithEps(dl4j.output(x), 1e-7), output + "\n" + dl4j.output(x));
        }
    }

    @Test
    void kerasDefaultsInitialiseTheWeights() {
        SimpleRnn conf = new SimpleRnn.Builder(12).build();
        MultiLayerNetwork net = alone(conf, 20);
        INDArray kernel = net.getLayer(0).getParam("W");
        INDArray recurrent = net.getLayer(0).getParam("RW");

        assertEquals(Activation.TANH.getActivationFunction(), conf.getActivationFn());
        assertArrayEquals(new long[] {20, 12}, kernel.shape());
        double limit = Math.sqrt(6.0 / (20 + 12));
        double largest = kernel.amaxNumber().doubleValue();
        assertTrue(largest <= limit && largest > 0.95 * limit, "largest |w| " + largest);
        assertTrue(recurrent.mmul(recurrent.transpose()).equalsWithEps(Nd4j.eye(12).castTo(DataType.DOUBLE), 1e-10));
        assertEquals(0, net.getLayer(0).getParam("b").amaxNumber().doubleValue(), 0);
    }

    @Test
    void gradientsMatchCentralFiniteDifferences() {
        for (boolean sequences : new boolean[] {true, false}) {
            Layer rnn = alone(new SimpleRnn.Builder(3).returnSequences(sequences).build(), 4).getLayer(0);
            Nd4j.getRandom().setSeed(11);
            rnn.setParams(Nd4j.rand(DataType.DOUBLE, 1, rnn.numParams()).subi(0.5).muli(2));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5).subi(0.5).muli(3);
            INDArray weights = Nd4j.rand(DataType.DOUBLE, sequences ? new long[] {2, 3, 5} : new long[] {2, 3})
                    .subi(0.5);

            FiniteDifferences.assertGradients(rnn, x, weights, true, "sequences " + sequences);
        }
    }

    @Test
    void otherActivationsAndDropOutAreRefusedWithAReason() {
        Exception softsign = assertThrows(IllegalArgumentException.class,
                () -> alone(new SimpleRnn.Builder(3).activation(Activation.SOFTSIGN).build(), 2));
        Exception dropOut = assertThrows(IllegalArgumentException.class,
                () -> alone(new SimpleRnn.Builder(3).dropOut(0.5).build(), 2));

        assertTrue(softsign.getMessage().contains("computes Keras' activations tanh or relu; given softsign"),
                softsign.getMessage());
        assertTrue(dropOut.getMessage().contains("SimpleRnn has no dropout"), dropOut.getMessage());
    }

    @Test
    void summarisesAsKerasAndSavesAndLoads() {
        // listing 6.22's stack: Embedding(10000, 32), SimpleRNN(32) returning every step, SimpleRNN(32)
        MultiLayerNetwork net = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(KerasDefaults.embedding(10_000, 32).build())
                .layer(new SimpleRnn.Builder(32).returnSequences(true).build())
                .layer(new SimpleRnn.Builder(32).build())
                .setInputType(InputType.recurrent(10_000))
                .build()));
        INDArray words = Nd4j.createFromArray(new float[][] {{4, 1, 9999, 0, 7}});

        String summary = ModelSummary.of(net, InputType.recurrent(10_000));
        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("rnn.zip")));

        assertTrue(summary.contains("simple_rnn_1 (SimpleRNN)     (None, None, 32)          2,080"), summary);
        assertTrue(summary.contains("simple_rnn_2 (SimpleRNN)     (None, 32)                2,080"), summary);
        assertEquals(net.output(words), loaded.output(words));
    }
}
