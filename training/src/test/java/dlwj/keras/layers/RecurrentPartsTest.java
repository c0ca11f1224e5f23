package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentFixtures.alone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The recurrent layers run their loops over time by parts of the batch at once ({@link BatchParts}): a batch of 40
 * (two parts or more wherever there are two cores) gives every example the output and the input's gradient it
 * gets alone, and the parameters' gradient is the sum of the examples' own.
 */
class RecurrentPartsTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
    private static final int BATCH = 40;

    @Test
    void aBatchInPartsComputesWhatEachExampleComputesAlone() {
        assertTrue(Runtime.getRuntime().availableProcessors() < 2 || BatchParts.parts(BATCH) > 1,
                "a batch of " + BATCH + " runs in parts");
        for (boolean sequences : new boolean[] {true, false}) {
            assertExamplesAlone(new Lstm.Builder(5).returnSequences(sequences).build(), sequences);
            assertExamplesAlone(new Gru.Builder(5).returnSequences(sequences).build(), sequences);
            assertExamplesAlone(new SimpleRnn.Builder(5).returnSequences(sequences).build(), sequences);
        }
    }

    @Test
    void aGruWithDropoutInPartsHasTheGradientsOfFiniteDifferences() {
        // the masks are drawn for the whole batch, so the parts are checked against the loss itself
        Layer gru = layer(new Gru.Builder(2).returnSequences(true).dropout(0.3).recurrentDropout(0.4)
                .activation(Activation.RELU).recurrentActivation(Activation.SIGMOID).build(), 2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 32, 2, 3).subi(0.5).muli(3);
        INDArray weights = Nd4j.rand(DataType.DOUBLE, 32, 2, 3).subi(0.5);

        FiniteDifferences.assertGradients(gru, x, weights, true, "GRU with dropout, a batch of 32");
    }

    private static void assertExamplesAlone(KerasRecurrent conf, boolean sequences) {
        String what = conf.getClass().getSimpleName() + ", sequences " + sequences;
        Layer layer = layer(conf, 3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, BATCH, 3, 6).subi(0.5).muli(3);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, sequences ? new long[] {BATCH, 5, 6} : new long[] {BATCH, 5})
                .subi(0.5);

        Pass whole = Pass.of(layer, x, epsilon);
        INDArray summedParameterGradient = Nd4j.zeros(DataType.DOUBLE, whole.parameterGradient.shape());
        for (int i = 0; i < BATCH; i++) {
            Pass alone = Pass.of(layer, example(x, i), example(epsilon, i));
            assertArrayEquals(values(alone.output), values(example(whole.output, i)), 1e-12, "output " + i + ", " + what);
            assertArrayEquals(values(alone.inputGradient), values(example(whole.inputGradient, i)), 1e-12,
                    "input gradient " + i + ", " + what);
            summedParameterGradient.addi(alone.parameterGradient);
        }
        assertArrayEquals(summedParameterGradient.data().asDouble(), whole.parameterGradient.data().asDouble(), 1e-10,
                "parameter gradient, " + what);
    }

    /** Example {@code i} of a batch, as a batch of one. */
    private static INDArray example(INDArray batch, int i) {
        return batch.rank() == 3 ? batch.get(interval(i, i + 1), all(), all()) : batch.get(interval(i, i + 1), all());
    }

    private static double[] values(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    /** A forward and backward pass: the output, the input's gradient and the parameters'. */
    private record Pass(INDArray output, INDArray inputGradient, INDArray parameterGradient) {

        static Pass of(Layer layer, INDArray x, INDArray epsilon) {
            layer.setInput(x, NO_WORKSPACES);
            INDArray output = layer.activate(true, NO_WORKSPACES);
            INDArray inputGradient = layer.backpropGradient(epsilon.dup(), NO_WORKSPACES).getSecond();
            return new Pass(output.dup(), inputGradient.dup(), layer.getGradientsViewArray().dup());
        }
    }

    /** A recurrent layer alone in a double-precision network, its parameters drawn in [-1, 1). */
    private static Layer layer(KerasRecurrent conf, int features) {
        Layer layer = alone(conf, features).getLayer(0);
        Nd4j.getRandom().setSeed(11);
        layer.setParams(Nd4j.rand(DataType.DOUBLE, 1, layer.numParams()).subi(0.5).muli(2));
        return layer;
    }
}
