package dlwj.datasets;

import dlwj.datasets.files.Checksum;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.RemoteFile;
import dlwj.datasets.formats.NpyArray;
import dlwj.datasets.formats.Npz;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Reuters newswires (book section 3.5): 11,228 short newswires in 46 topics, each a sequence of word
 * indices. {@link #loadData} is Keras' {@code reuters.load_data}: same file, same shuffle (seed 113),
 * same 80/20 split (8,982 training and 2,246 test newswires), same encoding options.
 */
public final class Reuters {

    private static final String ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /** Keras' {@code reuters.npz}. */
    public static final RemoteFile DATA = RemoteFile.of("datasets/reuters.npz", ORIGIN + "reuters.npz",
            Checksum.sha256("d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"),
            2_110_848, Npz.holding("x", "y"));

    /** Keras' {@code reuters_word_index.json}. */
    public static final RemoteFile WORD_INDEX = RemoteFile.of("datasets/reuters_word_index.json",
            ORIGIN + "reuters_word_index.json", Checksum.md5("4d44cc38712099c9e383dc6e5f11a921"),
            550_378, WordIndex.holding(1));

    /** The 46 topics, in label order ({@code reuters.get_label_names()}). */
    public static final List<String> TOPICS = List.of("cocoa", "grain", "veg-oil", "earn", "acq", "wheat",
            "copper", "housing", "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton",
            "carcass", "crude", "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed",
            "gold", "tin", "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat",
            "jobs", "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead");

    private Reuters() {
    }

    /** {@code reuters.load_data(num_words=numWords)}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static SequenceData loadData(int numWords) {
        return loadData(numWords, DataSource.fromEnvironment());
    }

    /** {@code reuters.load_data(num_words=numWords)} from {@code source}. */
    public static SequenceData loadData(int numWords, DataSource source) {
        return loadData(TextOptions.builder().numWords(numWords).build(), source);
    }

    /** {@code reuters.load_data(...)} with all of Keras' options. */
    public static SequenceData loadData(TextOptions options, DataSource source) {
        KerasSequences.Labelled all = source.load(DATA, file -> {
            Map<String, NpyArray> arrays = Npz.read(file, "x", "y");
            return KerasSequences.labelled(arrays.get("x"), arrays.get("y"));
        });
        return encode(all.sequences(), all.labels(), options);
    }

    /** Keras' steps after reading the file: one shuffle, mark, filter, cut the vocabulary, split. */
    static SequenceData encode(int[][] xs, int[] labels, TextOptions options) {
        NumpyRandomState rng = new NumpyRandomState(options.seed());
        KerasSequences.Labelled all = KerasSequences.reorder(xs, labels, rng.shuffledIndices(xs.length));
        all = new KerasSequences.Labelled(KerasSequences.markAndOffset(all.sequences(), options), all.labels());
        all = KerasSequences.removeLong(all, options.maxlen());
        KerasSequences.limitVocabulary(List.<int[][]>of(all.sequences()), options);
        int split = (int) (all.sequences().length * (1 - options.testSplit()));
        int[][] x = all.sequences();
        int[] y = all.labels();
        return new SequenceData(Arrays.copyOfRange(x, 0, split), Arrays.copyOfRange(y, 0, split),
                Arrays.copyOfRange(x, split, x.length), Arrays.copyOfRange(y, split, y.length));
    }

    /** {@code reuters.get_word_index()}, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static WordIndex wordIndex() {
        return wordIndex(DataSource.fromEnvironment());
    }

    public static WordIndex wordIndex(DataSource source) {
        return source.load(WORD_INDEX, WordIndex::read);
    }
}
