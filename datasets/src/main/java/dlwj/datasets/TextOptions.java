package dlwj.datasets;

/**
 * The options of Keras' {@code imdb.load_data} and {@code reuters.load_data}, with the same meaning and
 * defaults. Start from {@link #builder()} and change what the example needs:
 * {@code TextOptions.builder().numWords(10_000).build()}.
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
        return builder().build();
    }

    /** Keras' defaults, to change: {@code TextOptions.builder().numWords(10_000).maxlen(500).build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Keras' keyword arguments one by one, named as Keras names them; each starts at Keras' default. */
    public static final class Builder {
        private int numWords;
        private int skipTop;
        private int maxlen;
        private long seed = 113;
        private Integer startChar = 1;
        private Integer oovChar = 2;
        private int indexFrom = 3;
        private double testSplit = 0.2;

        private Builder() {
        }

        public Builder numWords(int numWords) {
            this.numWords = numWords;
            return this;
        }

        public Builder skipTop(int skipTop) {
            this.skipTop = skipTop;
            return this;
        }

        public Builder maxlen(int maxlen) {
            this.maxlen = maxlen;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder startChar(Integer startChar) {
            this.startChar = startChar;
            return this;
        }

        public Builder oovChar(Integer oovChar) {
            this.oovChar = oovChar;
            return this;
        }

        public Builder indexFrom(int indexFrom) {
            this.indexFrom = indexFrom;
            return this;
        }

        public Builder testSplit(double testSplit) {
            this.testSplit = testSplit;
            return this;
        }

        /** The options, checked as Keras would: no negative count, a test split strictly between 0 and 1. */
        public TextOptions build() {
            return new TextOptions(numWords, skipTop, maxlen, seed, startChar, oovChar, indexFrom, testSplit);
        }
    }
}
