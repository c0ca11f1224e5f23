package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Flatten turns an embedded sequence into Keras' flat rows, and its gradient back. */
class FlattenTest {

    @TempDir
    Path dir;

    /** {@code Embedding(10, 3, input_length=4)}, {@code Flatten()}, {@code Dense(1, sigmoid)}. */
    private static MultiLayerNetwork network() {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(7).list()
                .layer(KerasDefaults.embedding(10, 3).inputLength(4).build())
                .layer(new Flatten.Builder().build())
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(10, 4))
                .build()));
    }

    @Test
    void rowsHoldTheStepsOneAfterAnotherAsKerasFlattens() {
        MultiLayerNetwork net = network();
        INDArray words = Nd4j.createFromArray(new float[][] {{3, 0, 9, 3}, {1, 2, 5, 7}});
        INDArray embeddings = net.getLayer(0).getParam("W");

        INDArray flat = net.feedForward(words, false).get(2);

        assertArrayEquals(new long[] {2, 12}, flat.shape());
        assertEquals(4 * 3 + 1, net.getLayer(2).numParams(), "Dense(1) over 4 steps x 3 features");
        for (int sample = 0; sample < 2; sample++) {
            for (int step = 0; step < 4; step++) {
                for (int feature = 0; feature < 3; feature++) {
                    assertEquals(embeddings.getDouble(words.getInt(sample, step), feature),
                            flat.getDouble(sample, step * 3 + feature), 0, "sample " + sample + " step " + step);
                }
            }
        }
    }

    @Test
    void gradientIsTheForwardTransposedBack() {
        FlattenImpl flatten = (FlattenImpl) network().getLayer(1);
        Nd4j.getRandom().setSeed(5);
        INDArray sequence = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        INDArray rowGradient = Nd4j.rand(DataType.FLOAT, 2, 12);

        flatten.setInput(sequence, LayerWorkspaceMgr.noWorkspaces());
        INDArray rows = flatten.activate(true, LayerWorkspaceMgr.noWorkspaces());
        Pair<Gradient, INDArray> back = flatten.backpropGradient(rowGradient, LayerWorkspaceMgr.noWorkspaces());

        // a pure rearrangement: its gradient puts each value back where it came from
        assertArrayEquals(new long[] {2, 3, 4}, back.getSecond().shape());
        assertEquals(rows.mul(rowGradient).sumNumber().doubleValue(),
                sequence.mul(back.getSecond()).sumNumber().doubleValue(), 1e-5);
        assertEquals(rowGradient.getDouble(1, 2 * 3 + 1), back.getSecond().getDouble(1, 1, 2), 0);
        assertTrue(back.getFirst().gradientForVariable().isEmpty(), "no parameters");
    }

    @Test
    void savedModelsLoadWithTheirFlattenLayer() throws Exception {
        MultiLayerNetwork net = network();
        INDArray words = Nd4j.createFromArray(new float[][] {{3, 0, 9, 3}});
        Path file = dir.resolve("flatten.zip");

        ModelFiles.save(net, file);
        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(file);

        assertEquals(net.output(words), loaded.output(words));
    }

    @Test
    void sequencesOfUnknownLengthAreRefusedWithTheFix() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> KerasDefaults.network(7)
                .list()
                .layer(new SimpleRnn.Builder(3).returnSequences(true).build())
                .layer(new Flatten.Builder().build())
                .layer(new Output.Builder().nOut(1).build())
                .setInputType(InputType.recurrent(5))
                .build());

        assertTrue(error.getMessage().contains("input_length"), error.getMessage());
    }
}
