package dlwj.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras' metrics, computed as Keras computes them: a value per sample, averaged over the samples of an
 * epoch. Each metric here returns the sum over a batch; the trainer divides by the sample count.
 */
public enum Metric {

    /**
     * Keras' {@code 'acc'} ({@code 'accuracy'}): binary accuracy for a single sigmoid output, categorical
     * accuracy (argmax of prediction equals argmax of one-hot label) for several outputs, and sparse
     * categorical accuracy when the labels are class indices.
     */
    ACCURACY("acc") {
        @Override
        double batchSum(INDArray predictions, INDArray labels) {
            if (predictions.size(1) == 1) {
                return BINARY_ACCURACY.batchSum(predictions, labels);
            }
            INDArray predicted = Nd4j.argMax(predictions, 1);
            INDArray actual = labels.size(1) == 1 ? labels.reshape(labels.size(0)) : Nd4j.argMax(labels, 1);
            return predicted.castTo(DataType.DOUBLE).eq(actual.castTo(DataType.DOUBLE))
                    .castTo(DataType.DOUBLE).sumNumber().doubleValue();
        }
    },

    /**
     * Keras' {@code binary_accuracy}, {@code mean(equal(y_true, round(y_pred)))}: each prediction rounded to the
     * nearest integer (halves to even, as TensorFlow's {@code round}) against its label, averaged per sample.
     * For a sigmoid output that is "above 0.5"; a linear output of 1.7 rounds to 2 and misses a label of 1.
     */
    BINARY_ACCURACY("binary_accuracy") {
        @Override
        double batchSum(INDArray predictions, INDArray labels) {
            double[] predicted = predictions.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] actual = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            long columns = predictions.size(1);
            double sum = 0;
            for (int i = 0; i < predicted.length; i++) {
                sum += Math.rint(predicted[i]) == actual[i] ? 1.0 / columns : 0;
            }
            return sum;
        }
    },

    /** Keras' {@code mae}: mean absolute error over the outputs of each sample. */
    MAE("mae") {
        @Override
        double batchSum(INDArray predictions, INDArray labels) {
            if (small(predictions, labels)) {
                return meanErrorSum(predictions, labels, false);
            }
            INDArray errors = Transforms.abs(predictions.castTo(DataType.DOUBLE).sub(labels.castTo(DataType.DOUBLE)));
            return errors.mean(1).sumNumber().doubleValue();
        }
    },

    /** Keras' {@code mse}: mean squared error over the outputs of each sample. */
    MSE("mse") {
        @Override
        double batchSum(INDArray predictions, INDArray labels) {
            if (small(predictions, labels)) {
                return meanErrorSum(predictions, labels, true);
            }
            INDArray errors = predictions.castTo(DataType.DOUBLE).sub(labels.castTo(DataType.DOUBLE));
            return errors.muli(errors).mean(1).sumNumber().doubleValue();
        }
    };

    /**
     * Batches up to this many values are summed in Java, element by element: with Boston's batch of one the
     * four ND4J operations of the array version (two casts, a difference, a mean) cost more than its step.
     */
    private static final long SMALL = 1024;

    private final String kerasName;

    Metric(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The name Keras gives it in {@code history.history}: {@code acc}, {@code mae}, ... */
    public String kerasName() {
        return kerasName;
    }

    /** The metric's per-sample values summed over the batch (rows are samples). */
    abstract double batchSum(INDArray predictions, INDArray labels);

    private static boolean small(INDArray predictions, INDArray labels) {
        return predictions.length() <= SMALL && predictions.rank() == 2 && predictions.equalShapes(labels);
    }

    /** The sum over the rows of the mean over each row of the absolute or squared errors, in double. */
    private static double meanErrorSum(INDArray predictions, INDArray labels, boolean squared) {
        long rows = predictions.size(0);
        long columns = predictions.size(1);
        double sum = 0;
        for (long r = 0; r < rows; r++) {
            double rowSum = 0;
            for (long c = 0; c < columns; c++) {
                double error = predictions.getDouble(r, c) - labels.getDouble(r, c);
                rowSum += squared ? error * error : Math.abs(error);
            }
            sum += rowSum / columns;
        }
        return sum;
    }

    /** The metric's mean over the samples of {@code predictions}. */
    public double compute(INDArray predictions, INDArray labels) {
        return batchSum(predictions, labels) / predictions.size(0);
    }
}
