package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** MAE and MSE: Keras' per-sample means, summed over the batch, the same from small and large batches. */
class MetricTest {

    @Test
    void maeAndMseByHand() {
        INDArray predictions = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 5}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{2, 2}, {1, 1}});

        assertEquals((1 + 0) / 2.0 + (2 + 4) / 2.0, Metric.MAE.batchSum(predictions, labels), 1e-12);
        assertEquals((1 + 0) / 2.0 + (4 + 16) / 2.0, Metric.MSE.batchSum(predictions, labels), 1e-12);
    }

    /** A batch of 2,000 x 3 goes through ND4J, its rows one at a time through the small path: same sums. */
    @Test
    void smallBatchesSumAsTheArrayComputationDoes() {
        Nd4j.getRandom().setSeed(3);
        INDArray predictions = Nd4j.rand(DataType.FLOAT, 2000, 3).muli(10);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2000, 3).muli(10);
        for (Metric metric : new Metric[] {Metric.MAE, Metric.MSE}) {
            double rowByRow = 0;
            for (int r = 0; r < 2000; r++) {
                rowByRow += metric.batchSum(predictions.getRow(r, true), labels.getRow(r, true));
            }
            double whole = metric.batchSum(predictions, labels);
            assertEquals(whole, rowByRow, 1e-9 * whole, metric.name());
        }
    }

    @Test
    void binaryAccuracyRoundsAsKerasDoes() {
        // sigmoid-like outputs: above 0.5 is 1, 0.5 itself rounds to 0 (halves to even)
        INDArray probabilities = Nd4j.createFromArray(new float[][] {{0.7f}, {0.2f}, {0.5f}, {0.51f}});
        INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {0}});
        // linear outputs (listing 6.46's Dense(1)): 1.7 rounds to 2, -0.6 to -1, and both miss
        INDArray linear = Nd4j.createFromArray(new float[][] {{1.7f}, {-0.6f}, {1.2f}, {-0.4f}});
        INDArray linearLabels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {0}});

        assertEquals(3, Metric.BINARY_ACCURACY.batchSum(probabilities, labels), 0);
        assertEquals(3, Metric.ACCURACY.batchSum(probabilities, labels), 0);
        assertEquals(2, Metric.ACCURACY.batchSum(linear, linearLabels), 0);
    }
}
