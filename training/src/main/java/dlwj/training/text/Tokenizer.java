package dlwj.training.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras 2.0.8's {@code keras.preprocessing.text.Tokenizer}, as the book's chapter 6 uses it:
 * <pre>{@code
 * tokenizer = Tokenizer(num_words=1000)      Tokenizer tokenizer = new Tokenizer(1000);
 * tokenizer.fit_on_texts(samples)            tokenizer.fitOnTexts(samples);
 * tokenizer.texts_to_sequences(samples)      int[][] sequences = tokenizer.textsToSequences(samples);
 * tokenizer.texts_to_matrix(samples,         INDArray oneHot = tokenizer.textsToMatrix(samples, Mode.BINARY);
 *                           mode='binary')
 * tokenizer.word_index                       Map<String, Integer> wordIndex = tokenizer.wordIndex();
 * }</pre>
 * The rules are those of Keras 2.0.8's {@code text.py}:
 * <ul>
 * <li>Texts are split with {@link Text#textToWordSequence(String, String, boolean, char)}, or into single
 * characters with {@code charLevel}, which neither lower-cases nor filters.</li>
 * <li>Word indices are ranks by descending count from 1 (0 is left for padding); words with the same count
 * keep the order in which they were first seen (Python's sort is stable).</li>
 * <li>{@code num_words} does not shrink the index: sequences keep the words with index {@code < num_words},
 * that is the {@code num_words - 1} most frequent (Keras: {@code if num_words and i >= num_words: continue}),
 * and matrices are {@code num_words} wide, column 0 never used.</li>
 * </ul>
 */
public final class Tokenizer {

    /**
     * The options of Keras' {@code Tokenizer}, with its defaults in {@link #defaults()}; change what the example
     * needs: {@code Options.defaults().withNumWords(1000).withCharLevel(true)}.
     *
     * @param numWords  keep the words with index below {@code numWords}; 0 keeps all ({@code num_words=None})
     * @param filters   the characters taken out of the texts ({@link Text#DEFAULT_FILTERS})
     * @param lower     whether texts are lower-cased (true)
     * @param split     the separator of words (a space)
     * @param charLevel whether every character is a token (false)
     */
    public record Options(int numWords, String filters, boolean lower, char split, boolean charLevel) {

        public Options {
            if (numWords < 0) {
                throw new IllegalArgumentException("numWords must be positive, or 0 for all words, got " + numWords);
            }
            Objects.requireNonNull(filters, "filters");
        }

        /** Keras' defaults: all words, {@link Text#DEFAULT_FILTERS}, lower-cased, split at spaces, words. */
        public static Options defaults() {
            return new Options(0, Text.DEFAULT_FILTERS, true, ' ', false);
        }

        public Options withNumWords(int numWords) {
            return new Options(numWords, filters, lower, split, charLevel);
        }

        public Options withFilters(String filters) {
            return new Options(numWords, filters, lower, split, charLevel);
        }

        public Options withLower(boolean lower) {
            return new Options(numWords, filters, lower, split, charLevel);
        }

        public Options withSplit(char split) {
            return new Options(numWords, filters, lower, split, charLevel);
        }

        public Options withCharLevel(boolean charLevel) {
            return new Options(numWords, filters, lower, split, charLevel);
        }
    }

    /** The {@code mode} of {@code texts_to_matrix}: what a word's cell holds. */
    public enum Mode {
        /** 1 if the text holds the word. */
        BINARY,
        /** How often the text holds the word. */
        COUNT,
        /**
         * {@code (1 + ln(count)) * ln(1 + documents / (1 + documents holding the word))}, where the documents are
         * the texts of the last {@link Tokenizer#fitOnTexts(List)}.
         */
        TFIDF,
        /** The word's count divided by the length of the text's sequence. */
        FREQ
    }

    private final Options options;
    private final Map<String, Integer> wordCounts = new LinkedHashMap<>();
    private final Map<String, Integer> wordDocs = new HashMap<>();
    private int documentCount;
    private Map<String, Integer> wordIndex;
    private int[] indexDocs;

    /** {@code Tokenizer()}: every word, Keras' defaults. */
    public Tokenizer() {
        this(Options.defaults());
    }

    /** {@code Tokenizer(num_words=numWords)}: keeps the words with index below {@code numWords}. */
    public Tokenizer(int numWords) {
        this(Options.defaults().withNumWords(numWords));
    }

    public Tokenizer(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * {@code fit_on_texts(texts)}: counts the words of {@code texts} and ranks them into {@link #wordIndex()}.
     * As in Keras 2.0.8, {@link #wordCounts()} and {@link #wordDocs()} add up over calls, but the number of
     * documents that {@link Mode#TFIDF} divides by is that of the last call only.
     */
    public void fitOnTexts(List<String> texts) {
        documentCount = 0;
        for (String text : texts) {
            documentCount++;
            List<String> tokens = tokens(text);
            for (String token : tokens) {
                wordCounts.merge(token, 1, Integer::sum);
            }
            for (String token : new HashSet<>(tokens)) {
                wordDocs.merge(token, 1, Integer::sum);
            }
        }
        List<String> byCount = new ArrayList<>(wordCounts.keySet());
        // List.sort is stable, as Python's sort: words with the same count keep the order they were first seen in
        byCount.sort(Comparator.comparing(wordCounts::get, Comparator.reverseOrder()));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String word : byCount) {
            index.put(word, index.size() + 1);
        }
        wordIndex = Collections.unmodifiableMap(index);
        indexDocs = new int[index.size() + 1];
        wordDocs.forEach((word, documents) -> indexDocs[index.get(word)] = documents);
    }

    /** {@code word_counts}: how often each word was seen, in the order words were first seen. */
    public Map<String, Integer> wordCounts() {
        return Collections.unmodifiableMap(wordCounts);
    }

    /** {@code word_docs}: in how many texts each word was seen, in no particular order. */
    public Map<String, Integer> wordDocs() {
        return Collections.unmodifiableMap(wordDocs);
    }

    /** {@code word_index}: each word's rank by count, from 1, in rank order. All words, whatever numWords is. */
    public Map<String, Integer> wordIndex() {
        requireFitted();
        return wordIndex;
    }

    /**
     * {@code texts_to_sequences(texts)}: each text as the indices of its words, in order, leaving out words
     * never seen by {@link #fitOnTexts(List)} and those with index {@code >= numWords}.
     */
    public int[][] textsToSequences(List<String> texts) {
        requireFitted();
        int[][] sequences = new int[texts.size()][];
        for (int t = 0; t < sequences.length; t++) {
            sequences[t] = tokens(texts.get(t)).stream()
                    .map(wordIndex::get)
                    .filter(i -> i != null && (options.numWords() == 0 || i < options.numWords()))
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        return sequences;
    }

    /**
     * {@code texts_to_matrix(texts, mode)}: one row per text, one column per word index ({@code numWords}
     * columns, or one more than the words of {@link #wordIndex()} when numWords is 0; column 0 stays 0). Keras
     * computes in float64; the values here are computed in double and stored as float32, as a network takes them.
     */
    public INDArray textsToMatrix(List<String> texts, Mode mode) {
        int[][] sequences = textsToSequences(texts);
        if (options.numWords() == 0 && wordIndex.isEmpty()) {
            throw new IllegalStateException("Specify a dimension (numWords), or fit on some text data first");
        }
        if (mode == Mode.TFIDF && documentCount == 0) {
            throw new IllegalStateException("Fit the Tokenizer on some data before using tfidf mode");
        }
        int width = options.numWords() == 0 ? wordIndex.size() + 1 : options.numWords();
        INDArray matrix = Nd4j.zeros(DataType.FLOAT, sequences.length, width);
        for (int row = 0; row < sequences.length; row++) {
            Map<Integer, Integer> counts = new HashMap<>();
            for (int index : sequences[row]) {
                counts.merge(index, 1, Integer::sum);
            }
            int length = sequences[row].length;
            for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
                int index = entry.getKey();
                int count = entry.getValue();
                matrix.putScalar(row, index, switch (mode) {
                    case BINARY -> 1;
                    case COUNT -> count;
                    case FREQ -> (double) count / length;
                    case TFIDF -> (1 + Math.log(count))
                            * Math.log(1 + (double) documentCount / (1 + indexDocs[index]));
                });
            }
        }
        return matrix;
    }

    private List<String> tokens(String text) {
        if (options.charLevel()) {
            return text.codePoints().mapToObj(Character::toString).toList();
        }
        return Text.textToWordSequence(text, options.filters(), options.lower(), options.split());
    }

    private void requireFitted() {
        if (wordIndex == null) {
            throw new IllegalStateException("The Tokenizer has no word index yet: call fitOnTexts(texts) first");
        }
    }
}
