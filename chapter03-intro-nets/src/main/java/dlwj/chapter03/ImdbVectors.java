package dlwj.chapter03;

import dlwj.cli.ExampleOptions;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.training.Labels;
import dlwj.training.Sequences;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * IMDB prepared as in book section 3.4 (listings 3.1 and 3.2), for chapter 3's example and chapter 4's experiments:
 * the 10,000 most frequent words, each review a multi-hot row, each label a float32 column. The rows are
 * stored as bytes, a quarter of the book's float32 matrices (250 MB each instead of 1 GB); the values are the
 * same 0s and 1s, and each batch becomes float32 as it is trained on.
 */
public record ImdbVectors(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {

    public static final int NUM_WORDS = 10_000;

    /** Listings 3.1 and 3.2 in one call: {@code imdb.load_data(num_words=10000)}, vectorised. */
    public static ImdbVectors load(ExampleOptions options) {
        SequenceData imdb = forRun(Imdb.loadData(NUM_WORDS, options.dataSource()), options);
        return new ImdbVectors(vectorizeSequences(imdb.trainSequences()), Labels.asFloat32(imdb.trainLabels()),
                vectorizeSequences(imdb.testSequences()), Labels.asFloat32(imdb.testLabels()));
    }

    /** The training reviews split as listing 3.7 splits them: the first ones held out, the rest to train on. */
    public record HeldOut(INDArray xTrain, INDArray yTrain, INDArray xVal, INDArray yVal) {
    }

    /** Listing 3.7: the first 10,000 training reviews set aside for validation (half of them with --quick). */
    public HeldOut holdOut(ExampleOptions options) {
        long reviews = xTrain.rows();
        int count = options.samples(10_000, (int) reviews / 2);
        return new HeldOut(xTrain.get(NDArrayIndex.interval(count, reviews)),
                yTrain.get(NDArrayIndex.interval(count, reviews)),
                xTrain.get(NDArrayIndex.interval(0, count)), yTrain.get(NDArrayIndex.interval(0, count)));
    }

    /** The reviews a run uses: all 25,000 + 25,000, or the first 600 + 300 with {@code --quick}. */
    public static SequenceData forRun(SequenceData imdb, ExampleOptions options) {
        return imdb.first(options.samples(imdb.trainSequences().length, 600),
                options.samples(imdb.testSequences().length, 300));
    }

    /** The book's {@code vectorize_sequences(sequences)}: a multi-hot row of {@link #NUM_WORDS} per review. */
    public static INDArray vectorizeSequences(int[][] sequences) {
        return Sequences.multiHot(sequences, NUM_WORDS, DataType.UBYTE);
    }
}
