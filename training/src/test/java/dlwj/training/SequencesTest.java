package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.Sequences.End;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SequencesTest {

    @Test
    void multiHotMarksEachWordOnce() {
        float[][] rows = Sequences.multiHot(new int[][] {{1, 3, 3}, {}, {0, 4}}, 5).toFloatMatrix();

        assertArrayEquals(new float[][] {{0, 1, 0, 1, 0}, {0, 0, 0, 0, 0}, {1, 0, 0, 0, 1}}, rows);
    }

    @Test
    void byteStorageHoldsTheSameValues() {
        INDArray bytes = Sequences.multiHot(new int[][] {{1, 3, 3}, {}, {0, 4}}, 5, DataType.UBYTE);

        assertEquals(DataType.UBYTE, bytes.dataType());
        assertArrayEquals(new float[][] {{0, 1, 0, 1, 0}, {0, 0, 0, 0, 0}, {1, 0, 0, 0, 1}},
                bytes.castTo(DataType.FLOAT).toFloatMatrix());
    }

    @Test
    void indexBeyondTheDimensionSaysWhichNumWordsToUse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequences.multiHot(new int[][] {{2, 10}}, 10));

        assertTrue(e.getMessage().contains("numWords=10"), e.getMessage());
    }

    // pad_sequences' expected values from Keras 2.0.8's own sequence.py, run with Python 3.11

    private static final int[][] SEQUENCES = {{1, 2, 3, 4, 5}, {6, 7}, {}, {8}};

    @Test
    void withoutMaxlenEverySequenceIsPaddedInFrontToTheLongest() {
        assertArrayEquals(new int[][] {{1, 2, 3, 4, 5}, {0, 0, 0, 6, 7}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 8}},
                Sequences.padSequences(SEQUENCES));
    }

    @Test
    void maxlenKeepsTheLastValuesByDefault() {
        assertArrayEquals(new int[][] {{3, 4, 5}, {0, 6, 7}, {0, 0, 0}, {0, 0, 8}},
                Sequences.padSequences(SEQUENCES, 3));
    }

    @Test
    void postPaddingPutsTheZerosBehind() {
        assertArrayEquals(new int[][] {{3, 4, 5}, {6, 7, 0}, {0, 0, 0}, {8, 0, 0}},
                Sequences.padSequences(SEQUENCES, 3, End.POST, End.PRE, 0));
    }

    @Test
    void postTruncatingKeepsTheFirstValues() {
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 6, 7}, {0, 0, 0}, {0, 0, 8}},
                Sequences.padSequences(SEQUENCES, 3, End.PRE, End.POST, 0));
    }

    @Test
    void paddingValueFillsEmptyPlaces() {
        assertArrayEquals(new int[][] {{1, 2, 3}, {6, 7, -1}, {-1, -1, -1}, {8, -1, -1}},
                Sequences.padSequences(SEQUENCES, 3, End.POST, End.POST, -1));
    }

    @Test
    void emptySequencesPadToEmptyRows() {
        assertArrayEquals(new int[][] {{}, {}}, Sequences.padSequences(new int[][] {{}, {}}));
        assertArrayEquals(new int[0][], Sequences.padSequences(new int[0][]));
    }

    @Test
    void negativeMaxlenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequences.padSequences(SEQUENCES, -1));

        assertEquals("maxlen must be positive, or 0 for the longest sequence's length, got -1", e.getMessage());
    }

    @Test
    void embeddingInputFeedsDl4jsEmbeddingSequenceLayer() {
        int[][] padded = Sequences.padSequences(new int[][] {{1, 2, 3}, {4}}, 3);
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(5).nOut(2).inputLength(3).hasBias(false)
                        .activation(Activation.IDENTITY).build())
                .build());
        network.init();

        INDArray input = Sequences.embeddingInput(padded);
        INDArray output = network.output(input);

        assertEquals(DataType.FLOAT, input.dataType());
        assertArrayEquals(new long[] {2, 3}, input.shape());
        // [samples, vector, sequenceLength]: at each step the embedding (weight row) of the word's index
        assertArrayEquals(new long[] {2, 2, 3}, output.shape());
        INDArray embeddings = network.getParam("0_W");
        for (int sample = 0; sample < 2; sample++) {
            for (int step = 0; step < 3; step++) {
                assertEquals(embeddings.getRow(padded[sample][step]), output.get(NDArrayIndex.point(sample),
                        NDArrayIndex.all(), NDArrayIndex.point(step)), "sample " + sample + ", step " + step);
            }
        }
    }

    @Test
    void embeddingInputNeedsPaddedSequences() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequences.embeddingInput(SEQUENCES));

        assertEquals("Sequence 1 has 2 values, sequence 0 has 5: pad them to one length with padSequences first",
                e.getMessage());
    }
}
