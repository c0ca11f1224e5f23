package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ValidationTest {

    @Test
    void kFoldIsTheBooksConsecutiveBlocks() {
        List<Validation.Split> folds = Validation.kFold(404, 4);

        assertEquals(4, folds.size());
        assertArrayEquals(IntStream.range(101, 202).toArray(), folds.get(1).validationRows());
        assertArrayEquals(IntStream.concat(IntStream.range(0, 101), IntStream.range(202, 404)).toArray(),
                folds.get(1).trainingRows());
    }

    @Test
    void foldsAreDisjointAndCoverEverySampleOnce() {
        List<Validation.Split> folds = Validation.kFold(10, 3);

        assertEquals(List.of(4, 3, 3), folds.stream().map(f -> f.validationRows().length).toList());
        int[] validated = folds.stream().flatMapToInt(f -> Arrays.stream(f.validationRows())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), validated);
        for (Validation.Split fold : folds) {
            assertEquals(10, fold.trainingRows().length + fold.validationRows().length);
            assertEquals(0, Arrays.stream(fold.trainingRows())
                    .filter(i -> Arrays.stream(fold.validationRows()).anyMatch(v -> v == i)).count());
        }
    }

    @Test
    void iteratedKFoldShufflesDeterministically() {
        List<Validation.Split> first = Validation.iteratedKFold(20, 4, 3, 9);
        List<Validation.Split> again = Validation.iteratedKFold(20, 4, 3, 9);
        List<Validation.Split> other = Validation.iteratedKFold(20, 4, 3, 10);

        assertEquals(12, first.size());
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(first.get(i).validationRows(), again.get(i).validationRows());
        }
        assertNotEquals(Arrays.toString(first.get(0).validationRows()), Arrays.toString(other.get(0).validationRows()));
        for (int repeat = 0; repeat < 3; repeat++) {
            int[] validated = first.subList(4 * repeat, 4 * repeat + 4).stream()
                    .flatMapToInt(f -> Arrays.stream(f.validationRows())).sorted().toArray();
            assertArrayEquals(IntStream.range(0, 20).toArray(), validated);
        }
    }

    @Test
    void holdOutValidatesOnTheFirstSamples() {
        Validation.Split split = Validation.holdOut(25, 10);

        assertArrayEquals(IntStream.range(0, 10).toArray(), split.validationRows());
        assertArrayEquals(IntStream.range(10, 25).toArray(), split.trainingRows());
        assertThrows(IllegalArgumentException.class, () -> Validation.holdOut(25, 25));
    }

    @Test
    void splitsSelectRowsAndScoresAverage() {
        INDArray data = Nd4j.linspace(DataType.DOUBLE, 0, 12, 1).reshape(6, 2);
        Validation.Split fold = Validation.kFold(6, 3).get(2);

        assertArrayEquals(new double[][] {{8, 9}, {10, 11}}, fold.validation(data).toDoubleMatrix());
        assertArrayEquals(new double[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}}, fold.training(data).toDoubleMatrix());
        Validation.Scores scores = Validation.scores(Validation.kFold(6, 3), s -> s.validationRows()[0]);
        assertEquals(List.of(0.0, 2.0, 4.0), scores.perSplit());
        assertEquals(2.0, scores.mean());
    }

    @Test
    void standardizationUsesTheTrainingStatisticsOnly() {
        INDArray train = Nd4j.createFromArray(new double[][] {{1, 10}, {3, 30}});
        INDArray test = Nd4j.createFromArray(new double[][] {{5, 50}});
        Standardization scaler = Standardization.fit(train);

        // numpy: mean [2, 20], std (ddof=0) [1, 10]
        assertArrayEquals(new double[][] {{-1, -1}, {1, 1}}, scaler.apply(train).toDoubleMatrix());
        assertArrayEquals(new double[][] {{3, 3}}, scaler.apply(test).toDoubleMatrix());
        assertArrayEquals(new double[][] {{1, 10}, {3, 30}}, train.toDoubleMatrix(), "training data unchanged");
    }
}
