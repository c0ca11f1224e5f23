package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.util.List;
import java.util.Map;

/**
 * The IMDB movie reviews (book section 3.4): 25,000 training and 25,000 test reviews labelled positive
 * (1) or negative (0), each a sequence of word indices. {@link #loadData} is Keras'
 * {@code imdb.load_data}: same file, same shuffle (seed 113), same encoding options.
 */
public final class Imdb {

    private static final String ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /** Keras' {@code imdb.npz}. */
    public static final RemoteFile DATA = RemoteFile.of("datasets/imdb.npz", ORIGIN + "imdb.npz",
            Checksum.sha256("69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"),
            17_464_789, Npz.holding("x_train", "y_train", "x_test", "y_test"));

    /** Keras' {@code imdb_word_index.json}: 88,584 words. */
    public static final RemoteFile WORD_INDEX = RemoteFile.of("datasets/imdb_word_index.json",
            ORIGIN + "imdb_word_index.json", Checksum.md5("bfafd718b763782e994055a2d397834f"),
            1_641_221, WordIndex.holding(1));

    private Imdb() {
    }

    /** {@code imdb.load_data(num_words=numWords)}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static SequenceData loadData(int numWords) {
        return loadData(numWords, DataSource.fromEnvironment());
    }

    /** {@code imdb.load_data(num_words=numWords)} from {@code source}. */
    public static SequenceData loadData(int numWords, DataSource source) {
        return loadData(TextOptions.builder().numWords(numWords).build(), source);
    }

    /** {@code imdb.load_data(...)} with all of Keras' options. */
    public static SequenceData loadData(TextOptions options, DataSource source) {
        List<KerasSequences.Labelled> splits = source.load(DATA, file -> {
            Map<String, NpyArray> arrays = Npz.read(file, "x_train", "y_train", "x_test", "y_test");
            return List.of(KerasSequences.labelled(arrays.get("x_train"), arrays.get("y_train")),
                    KerasSequences.labelled(arrays.get("x_test"), arrays.get("y_test")));
        });
        KerasSequences.Labelled train = splits.get(0);
        KerasSequences.Labelled test = splits.get(1);
        return encode(train.sequences(), train.labels(), test.sequences(), test.labels(), options);
    }

    /** Keras' steps after reading the file: shuffle each split, mark, filter, cut the vocabulary. */
    static SequenceData encode(int[][] xTrain, int[] yTrain, int[][] xTest, int[] yTest, TextOptions options) {
        NumpyRandomState rng = new NumpyRandomState(options.seed());
        KerasSequences.Labelled train = KerasSequences.reorder(xTrain, yTrain, rng.shuffledIndices(xTrain.length));
        KerasSequences.Labelled test = KerasSequences.reorder(xTest, yTest, rng.shuffledIndices(xTest.length));
        train = new KerasSequences.Labelled(KerasSequences.markAndOffset(train.sequences(), options), train.labels());
        test = new KerasSequences.Labelled(KerasSequences.markAndOffset(test.sequences(), options), test.labels());
        train = KerasSequences.removeLong(train, options.maxlen());
        test = KerasSequences.removeLong(test, options.maxlen());
        if (train.sequences().length == 0 || test.sequences().length == 0) {
            throw new IllegalArgumentException("After filtering for sequences shorter than maxlen="
                    + options.maxlen() + ", no sequence was kept. Increase maxlen.");
        }
        KerasSequences.limitVocabulary(List.of(train.sequences(), test.sequences()), options);
        return new SequenceData(train.sequences(), train.labels(), test.sequences(), test.labels());
    }

    /** {@code imdb.get_word_index()}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static WordIndex wordIndex() {
        return wordIndex(DataSource.fromEnvironment());
    }

    public static WordIndex wordIndex(DataSource source) {
        return source.load(WORD_INDEX, WordIndex::read);
    }
}
