package dlwj.chapter03;

import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.datasets.TextOptions;
import dlwj.training.cli.ExampleOptions;
import dlwj.training.Sequences;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * IMDB prepared as in book section 3.4 (listings 3.1 and 3.3), for chapter 3's example and chapter 4's experiments:
 * the 10,000 most frequent words, each review a multi-hot row, each label a float32 column. The rows are
 * stored as bytes, a quarter of the book's float32 matrices (250 MB each instead of 1 GB); the values are the
 * same 0s and 1s, and each batch becomes float32 as it is trained on.
 */
public record ImdbVectors(int[][] trainSequences, int[][] testSequences, INDArray xTrain, INDArray yTrain,
                          INDArray xTest, INDArray yTest) {

    public static final int NUM_WORDS = 10_000;

    /** All 25,000 + 25,000 reviews, or 600 + 300 with {@code --quick}. */
    public static ImdbVectors load(ExampleOptions options) {
        SequenceData data = Imdb.loadData(TextOptions.defaults().withNumWords(NUM_WORDS), options.dataSource());
        int trainCount = options.samples(data.trainSequences().length, 600);
        int testCount = options.samples(data.testSequences().length, 300);
        int[][] trainSequences = Arrays.copyOf(data.trainSequences(), trainCount);
        int[][] testSequences = Arrays.copyOf(data.testSequences(), testCount);
        return new ImdbVectors(trainSequences, testSequences,
                Sequences.multiHot(trainSequences, NUM_WORDS, DataType.UBYTE), labels(data.trainLabels(), trainCount),
                Sequences.multiHot(testSequences, NUM_WORDS, DataType.UBYTE), labels(data.testLabels(), testCount));
    }

    /** {@code np.asarray(labels).astype('float32')}, as a column. */
    private static INDArray labels(int[] labels, int count) {
        return Nd4j.createFromArray(Arrays.copyOf(labels, count)).castTo(DataType.FLOAT).reshape(count, 1);
    }
}
