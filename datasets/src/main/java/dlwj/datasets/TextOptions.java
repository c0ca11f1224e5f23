package dlwj.datasets;

/**
 * The options of Keras' {@code imdb.load_data} and {@code reuters.load_data}, with the same meaning and
 * defaults. Start from {@link #defaults()} and change what the example needs:
 * {@code TextOptions.defaults().withNumWords(10_000)}.
 *
 * @param numWords   keep the {@code numWords} most frequent words (indices below it); 0 keeps all
 *                   ({@code num_words=None})
 * @param skipTop    replace the {@code skipTop} most frequent words by {@code oovChar}
 * @param maxlen     drop sequences of {@code maxlen} words or more (after the start mark); 0 keeps all
 * @param seed       the shuffle's seed (113)
 * @param startChar  the mark put at the start of every sequence (1), or {@code null} for none
 * @param oovChar    what replaces words cut by {@code numWords} or {@code skipTop} (2), or {@code null}
 *                   to drop them
 * @param indexFrom  the offset added to every word index (3): 0, 1 and 2 are padding, start and OOV
 * @param testSplit  the fraction of Reuters held out for testing (0.2); IMDB has its own split
 */
public record TextOptions(int numWords, int skipTop, int maxlen, long seed, Integer startChar, Integer oovChar,
                          int indexFrom, double testSplit) {

    public TextOptions {
        requireNotNegative("num_words", numWords);
        requireNotNegative("skip_top", skipTop);
        requireNotNegative("maxlen", maxlen);
        requireNotNegative("index_from", indexFrom);
        if (!(testSplit > 0 && testSplit < 1)) {
            throw new IllegalArgumentException("test_split must be between 0 and 1, not " + testSplit);
        }
    }

    /** Refuses a negative {@code value} of Keras' option {@code option}, naming it as Keras does. */
    private static void requireNotNegative(String option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, not " + value);
        }
    }

    /** Keras' defaults: all words, no skip, no maxlen, seed 113, start 1, OOV 2, index from 3, 20% test. */
    public static TextOptions defaults() {
        return new TextOptions(0, 0, 0, 113, 1, 2, 3, 0.2);
    }

    public TextOptions withNumWords(int numWords) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withSkipTop(int skipTop) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withMaxlen(int maxlen) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withSeed(long seed) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withStartChar(Integer startChar) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withOovChar(Integer oovChar) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withIndexFrom(int indexFrom) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }

    public TextOptions withTestSplit(double testSplit) {
        return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
    }
}
