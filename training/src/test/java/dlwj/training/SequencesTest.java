package dlwj.training;

import org.nd4j.linalg.api.ndarray.INDArray;

import org.nd4j.linalg.api.buffer.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
