package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Embedding computes what DL4J's EmbeddingSequenceLayer computes, its backward pass without scatterUpdate. */
class EmbeddingTest {

    private static final int WORDS = 7;
    private static final int SIZE = 4;
    private static final int BATCH = 5;
    private static final int STEPS = 6;

    @TempDir
    Path dir;

    /** Embedding (or DL4J's layer) then a per-step linear output with MSE, so every step's gradient reaches it. */
    private static MultiLayerNetwork network(boolean keras, RNNFormat format, boolean bias) {
        EmbeddingSequenceLayer.Builder embedding = keras ? KerasDefaults.embedding(WORDS, SIZE)
                : new EmbeddingSequenceLayer.Builder().nIn(WORDS).nOut(SIZE).activation(Activation.IDENTITY);
        MultiLayerConfiguration conf = KerasDefaults.network(3).list()
                .layer(embedding.hasBias(bias).inputLength(STEPS).outputDataFormat(format).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).dataFormat(format)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(WORDS, STEPS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Word indices with repeats (35 words from 7), [batch, steps], or [batch, 1, steps] for rank 3. */
    private static INDArray words(int rank) {
        float[] indices = new float[BATCH * STEPS];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = (i * 5 + i / 7) % WORDS;
        }
        INDArray words = Nd4j.createFromArray(indices);
        return rank == 2 ? words.reshape(BATCH, STEPS) : words.reshape(BATCH, 1, STEPS);
    }

    private static INDArray labels(RNNFormat format) {
        Nd4j.getRandom().setSeed(4);
        return format == RNNFormat.NCW ? Nd4j.rand(DataType.FLOAT, BATCH, 3, STEPS)
                : Nd4j.rand(DataType.FLOAT, BATCH, STEPS, 3);
    }

    @ParameterizedTest
    @CsvSource({"NCW, 2, false", "NWC, 2, false", "NCW, 3, false", "NCW, 2, true"})
    void sameOutputsLossAndGradientsAsDl4jsEmbeddingSequenceLayer(RNNFormat format, int rank, boolean bias) {
        MultiLayerNetwork dl4j = network(false, format, bias);
        MultiLayerNetwork keras = network(true, format, bias);
        keras.setParams(dl4j.params());
        INDArray words = words(rank);

        assertEquals(0, dl4j.output(words).distance2(keras.output(words)), 0);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {dl4j, keras}) {
            net.setInput(words);
            net.setLabels(labels(format));
            net.computeGradientAndScore();
        }
        assertEquals(dl4j.score(), keras.score(), 1e-7);
        INDArray expected = dl4j.gradient().getGradientFor("0_W");
        INDArray actual = keras.gradient().getGradientFor("0_W");
        assertEquals(0, expected.distance2(actual), 1e-6 * expected.norm2Number().doubleValue(),
                "the embedding matrix's gradient, each word's steps summed");
        assertEquals(0, dl4j.gradient().gradient().distance2(keras.gradient().gradient()),
                1e-6 * dl4j.gradient().gradient().norm2Number().doubleValue());
    }

    @Test
    void readsTheIncomingGradientInWhateverLayoutItsMemoryHas() {
        MultiLayerNetwork net = network(true, RNNFormat.NCW, false);
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer embedding = net.getLayer(0);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        Nd4j.getRandom().setSeed(6);
        INDArray rowMajor = Nd4j.rand(DataType.FLOAT, BATCH, SIZE, STEPS);
        INDArray timeMajor = rowMajor.permute(2, 0, 1).dup('c').permute(1, 2, 0); // what a recurrent layer gives
        INDArray wider = Nd4j.zeros(DataType.FLOAT, BATCH, SIZE + 2, STEPS);
        INDArray strided = wider.get(all(), interval(1, SIZE + 1), all()).assign(rowMajor); // gaps between rows
        assertTrue(EmbeddingImpl.isPermutedDense(timeMajor) && EmbeddingImpl.isPermutedDense(rowMajor.dup('f')));
        assertFalse(EmbeddingImpl.isPermutedDense(strided));

        INDArray expected = null;
        for (INDArray epsilon : new INDArray[] {rowMajor, rowMajor.dup('f'), timeMajor, strided}) {
            embedding.setInput(words(2), noWorkspaces);
            embedding.activate(true, noWorkspaces);
            INDArray gradient = embedding.backpropGradient(epsilon, noWorkspaces).getFirst()
                    .getGradientFor("W").dup();
            if (expected == null) {
                expected = gradient;
            }
            assertEquals(expected, gradient, epsilon.shapeInfoToString());
        }
        assertTrue(expected.norm2Number().doubleValue() > 0);
    }

    @Test
    void trainsToTheSameWeightsThroughFit() {
        MultiLayerNetwork dl4j = network(false, RNNFormat.NCW, false);
        MultiLayerNetwork keras = network(true, RNNFormat.NCW, false);
        keras.setParams(dl4j.params());
        for (int step = 0; step < 5; step++) {
            dl4j.fit(words(2), labels(RNNFormat.NCW));
            keras.fit(words(2), labels(RNNFormat.NCW));
        }
        assertEquals(0, dl4j.params().distance2(keras.params()), 1e-6);
    }

    @Test
    void kerasDefaultsBuildsItWithEverySettingOfItsBuilder() {
        EmbeddingSequenceLayer expected = new EmbeddingSequenceLayer.Builder().nIn(WORDS).nOut(SIZE).hasBias(false)
                .activation(Activation.IDENTITY).inputLength(20).dropOut(0.7).build();
        EmbeddingSequenceLayer built = KerasDefaults.embedding(WORDS, SIZE).inputLength(20).dropOut(0.7).build();

        assertInstanceOf(Embedding.class, built);
        assertEquals(expected.getNIn(), built.getNIn());
        assertEquals(expected.getNOut(), built.getNOut());
        assertEquals(expected.getInputLength(), built.getInputLength());
        assertEquals(expected.hasBias(), built.hasBias());
        assertEquals(expected.getActivationFn(), built.getActivationFn());
        assertEquals(expected.getIDropout(), built.getIDropout());
        assertEquals(KerasDefaults.embedding(WORDS, SIZE).build().getWeightInitFn(),
                built.getWeightInitFn(), "Keras' uniform initialisation");
    }

    @Test
    void savedAndLoadedAsItself() throws Exception {
        MultiLayerNetwork keras = network(true, RNNFormat.NCW, false);
        Path file = dir.resolve("embedding.zip");
        ModelFiles.save(keras, file);
        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(file);

        assertInstanceOf(Embedding.class, loaded.getLayerWiseConfigurations().getConf(0).getLayer());
        assertInstanceOf(EmbeddingImpl.class, loaded.getLayer(0));
        assertEquals(keras.params(), loaded.params());
        assertEquals(keras.output(words(2)), loaded.output(words(2)));
    }
}
