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
}
