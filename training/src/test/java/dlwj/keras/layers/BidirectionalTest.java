package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras' Bidirectional: the forward layer's last state beside the backward layer's, read from the end. */
class BidirectionalTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @TempDir
    Path dir;

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer layer, int features) {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(3).dataType(DataType.DOUBLE).list()
                .layer(layer)
                .setInputType(InputType.recurrent(features))
                .build());
        net.init();
        return net;
    }

    @Test
    void outputIsTheForwardLastStateBesideTheBackwardOneOverTheReversedSequence() {
        MultiLayerNetwork bidirectional = network(new Bidirectional(new Lstm.Builder(3).returnSequences(true)
                .build()), 4);
        MultiLayerNetwork forward = network(new Lstm.Builder(3).build(), 4);
        MultiLayerNetwork backward = network(new Lstm.Builder(3).build(), 4);
        Layer both = bidirectional.getLayer(0);
        for (String param : new String[] {"W", "RW", "b"}) {
            forward.getLayer(0).setParam(param, both.getParam("f" + param));
            backward.getLayer(0).setParam(param, both.getParam("b" + param));
        }
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 6).subi(0.5);
        INDArray reversed = Nd4j.create(DataType.DOUBLE, 2, 4, 6);
        for (int t = 0; t < 6; t++) {
            reversed.get(all(), all(), point(5 - t))
                    .assign(x.get(all(), all(), point(t)));
        }
        assertEquals(x.getDouble(1, 2, 0), reversed.getDouble(1, 2, 5), 0);

        INDArray output = bidirectional.output(x);

        assertArrayEquals(new long[] {2, 6}, output.shape());
        assertEquals(forward.output(x), output.get(all(), interval(0, 3)));
        assertEquals(backward.output(reversed), output.get(all(), interval(3, 6)));
    }

    private static double loss(Layer layer, INDArray x, INDArray weights) {
        layer.setInput(x, NO_WORKSPACES);
        return layer.activate(true, NO_WORKSPACES).mul(weights).sumNumber().doubleValue();
    }

    @Test
    void gradientsMatchCentralFiniteDifferencesAroundAGru() {
        MultiLayerNetwork net = network(new Bidirectional(new Gru.Builder(2).returnSequences(true).build()), 3);
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        Nd4j.getRandom().setSeed(8);
        layer.setParams(Nd4j.rand(DataType.DOUBLE, 1, layer.numParams()).subi(0.5).muli(2));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).subi(0.5).muli(3);
        INDArray weights = Nd4j.rand(DataType.DOUBLE, 2, 4).subi(0.5);

        loss(layer, x, weights);
        INDArray inputGradient = layer.backpropGradient(weights.dup(), NO_WORKSPACES).getSecond();
        INDArray parameterGradient = layer.getGradientsViewArray().dup();

        double h = 1e-6;
        INDArray params = layer.params();
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + h);
            double plus = loss(layer, x, weights);
            params.putScalar(i, original - h);
            double minus = loss(layer, x, weights);
            params.putScalar(i, original);
            assertEquals((plus - minus) / (2 * h), parameterGradient.getDouble(i), 1e-7, "parameter " + i);
        }
        for (long i = 0; i < x.length(); i++) {
            INDArray shifted = x.dup();
            shifted.putScalar(i, x.getDouble(i) + h);
            double plus = loss(layer, shifted, weights);
            shifted.putScalar(i, x.getDouble(i) - h);
            double minus = loss(layer, shifted, weights);
            assertEquals((plus - minus) / (2 * h), inputGradient.dup('c').getDouble(i), 1e-7, "input " + i);
        }
    }

    @Test
    void kerasSummaryAndSavedModels() throws Exception {
        // the book's listing 6.44: Embedding(10000, 32), Bidirectional(LSTM(32)), Dense(1, sigmoid)
        MultiLayerNetwork net = KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(KerasDefaults.embedding(10_000, 32).build())
                .layer(new Bidirectional(new Lstm.Builder(32).returnSequences(true).build()))
                .layer(new Output.Builder().nOut(1).activation(org.nd4j.linalg.activations.Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(10_000))
                .build()));
        INDArray words = Nd4j.createFromArray(new float[][] {{4, 1, 9999, 0, 7}});

        String summary = ModelSummary.of(net, InputType.recurrent(10_000));
        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("bi.zip")));

        assertTrue(summary.contains("bidirectional_1 (Bidirectional)(None, 64)                16,640"), summary);
        assertTrue(summary.contains("dense_1 (Dense)              (None, 1)                 65"), summary);
        assertEquals(net.output(words), loaded.output(words));
    }
}
