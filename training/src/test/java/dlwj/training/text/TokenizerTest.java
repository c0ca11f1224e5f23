package dlwj.training.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dlwj.training.text.Tokenizer.Mode;
import dlwj.training.text.Tokenizer.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Expected values from Keras 2.0.8's own {@code Tokenizer} (keras/preprocessing/text.py at tag 2.0.8, run with
 * Python 3.11 and numpy), checked by hand where the comments say so.
 */
class TokenizerTest {

    private static final List<String> TEXTS =
            List.of("The cat sat on the mat.", "The dog ate my homework!", "The cat, the DOG; and the bird.");

    private static Tokenizer fitted(Tokenizer tokenizer) {
        tokenizer.fitOnTexts(TEXTS);
        return tokenizer;
    }

    @Test
    void countsWordsInFirstSeenOrderAndDocumentsPerWord() {
        Tokenizer tokenizer = fitted(new Tokenizer());

        assertEquals(List.of("the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework", "and", "bird"),
                new ArrayList<>(tokenizer.wordCounts().keySet()));
        assertEquals(List.of(6, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1), new ArrayList<>(tokenizer.wordCounts().values()));
        assertEquals(Map.ofEntries(Map.entry("the", 3), Map.entry("cat", 2), Map.entry("dog", 2), Map.entry("sat", 1),
                Map.entry("on", 1), Map.entry("mat", 1), Map.entry("ate", 1), Map.entry("my", 1),
                Map.entry("homework", 1), Map.entry("and", 1), Map.entry("bird", 1)), tokenizer.wordDocs());
    }

    @Test
    void wordIndexRanksByCountAndTiesKeepFirstSeenOrder() {
        Tokenizer tokenizer = fitted(new Tokenizer());

        // cat and dog both twice: cat was seen first; the words seen once follow in the order they came
        assertEquals(List.of("the", "cat", "dog", "sat", "on", "mat", "ate", "my", "homework", "and", "bird"),
                new ArrayList<>(tokenizer.wordIndex().keySet()));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), new ArrayList<>(tokenizer.wordIndex().values()));
    }

    @Test
    void sequencesLeaveOutUnknownWords() {
        Tokenizer tokenizer = fitted(new Tokenizer());

        assertArrayEquals(new int[][] {{1, 2, 4, 5, 1, 6}, {1, 3, 7, 8, 9}, {1, 2, 1, 3, 10, 1, 11}, {10, 1, 2}},
                tokenizer.textsToSequences(List.of(TEXTS.get(0), TEXTS.get(1), TEXTS.get(2),
                        "unknown words and the cat")));
    }

    @Test
    void numWordsKeepsOnlyIndicesBelowIt() {
        Tokenizer tokenizer = fitted(new Tokenizer(3));

        // Keras' i >= num_words rule: indices 1 (the) and 2 (cat) only, dog (3) is left out
        assertArrayEquals(new int[][] {{1, 2, 1}, {1}, {1, 2, 1, 1}}, tokenizer.textsToSequences(TEXTS));
        assertEquals(11, tokenizer.wordIndex().size());
    }

    @Test
    void binaryMatrixMarksTheWordsOfEachText() {
        assertMatrix(new double[][] {{0, 1, 1}, {0, 1, 0}, {0, 1, 1}},
                fitted(new Tokenizer(3)).textsToMatrix(TEXTS, Mode.BINARY));
    }

    @Test
    void countMatrixCountsTheWordsOfEachText() {
        assertMatrix(new double[][] {{0, 2, 1}, {0, 1, 0}, {0, 3, 1}},
                fitted(new Tokenizer(3)).textsToMatrix(TEXTS, Mode.COUNT));
    }

    @Test
    void freqMatrixDividesByTheLengthOfTheCutSequence() {
        // the first text keeps [the, cat, the] of its six words: 2/3 and 1/3
        assertMatrix(new double[][] {{0, 2 / 3.0, 1 / 3.0}, {0, 1, 0}, {0, 0.75, 0.25}},
                fitted(new Tokenizer(3)).textsToMatrix(TEXTS, Mode.FREQ));
    }

    @Test
    void tfidfMatrixWeighsCountsByRarity() {
        // the: in all 3 texts, idf ln(1 + 3/4); cat: in 2, idf ln(1 + 3/3); tf = 1 + ln(count)
        double theIdf = Math.log(1.75);
        double catIdf = Math.log(2);
        assertMatrix(new double[][] {
                {0, (1 + Math.log(2)) * theIdf, catIdf},
                {0, theIdf, 0},
                {0, (1 + Math.log(3)) * theIdf, catIdf}},
                fitted(new Tokenizer(3)).textsToMatrix(TEXTS, Mode.TFIDF));
    }

    @Test
    void matrixOfOtherTextsUsesTheFittedCounts() {
        Tokenizer tokenizer = fitted(new Tokenizer(5));
        List<String> texts = List.of("the cat the cat the dog sat", "");

        assertMatrix(new double[][] {{0, 3, 2, 1, 1}, {0, 0, 0, 0, 0}}, tokenizer.textsToMatrix(texts, Mode.COUNT));
        assertMatrix(new double[][] {{0, 3 / 7.0, 2 / 7.0, 1 / 7.0, 1 / 7.0}, {0, 0, 0, 0, 0}},
                tokenizer.textsToMatrix(texts, Mode.FREQ));
        assertMatrix(new double[][] {{0, 1.174416569493965, 1.1736001944781467, 0.6931471805599453,
                0.9162907318741551}, {0, 0, 0, 0, 0}}, tokenizer.textsToMatrix(texts, Mode.TFIDF));
    }

    @Test
    void withoutNumWordsTheMatrixHasAColumnPerWordPlusColumnZero() {
        INDArray matrix = fitted(new Tokenizer()).textsToMatrix(List.of("the cat the cat bird"), Mode.TFIDF);

        assertMatrix(new double[][] {{0, 0.9475118935396932, 1.1736001944781467, 0, 0, 0, 0, 0, 0, 0, 0,
                0.9162907318741551}}, matrix);
    }

    @Test
    void charLevelCountsCharactersAsTheyAre() {
        Tokenizer tokenizer = new Tokenizer(Options.defaults().withCharLevel(true));
        tokenizer.fitOnTexts(List.of("Abba!", "b a"));

        // no lower-casing, no filters: A and ! are tokens
        assertEquals(List.of("b", "a", "A", "!", " "), new ArrayList<>(tokenizer.wordIndex().keySet()));
        assertArrayEquals(new int[][] {{2, 1, 4}}, tokenizer.textsToSequences(List.of("ab!?")));
    }

    @Test
    void fittingAgainAddsCountsButTfidfDividesByTheLastTextsOnly() {
        Tokenizer tokenizer = new Tokenizer();
        tokenizer.fitOnTexts(List.of("a b", "a c"));
        tokenizer.fitOnTexts(List.of("b"));

        assertEquals(Map.of("a", 2, "b", 2, "c", 1), tokenizer.wordCounts());
        assertEquals(Map.of("a", 2, "b", 2, "c", 1), tokenizer.wordDocs());
        // Keras 2.0.8 resets document_count to 1 in the second call: a: ln(1 + 1/3), b: (1 + ln 2) ln(1 + 1/3)
        assertMatrix(new double[][] {{0, 0.28768207245178085, 0.4870880898693747, 0}},
                tokenizer.textsToMatrix(List.of("a b b"), Mode.TFIDF));
    }

    @Test
    void negativeNumWordsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tokenizer(-1));

        assertEquals("numWords must be positive, or 0 for all words, got -1", e.getMessage());
    }

    @Test
    void usingTheTokenizerBeforeFittingItIsRefused() {
        Tokenizer tokenizer = new Tokenizer(10);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tokenizer.textsToSequences(TEXTS));
        assertEquals("The Tokenizer has no word index yet: call fitOnTexts(texts) first", e.getMessage());
    }

    @Test
    void aMatrixNeedsAWidth() {
        Tokenizer tokenizer = new Tokenizer();
        tokenizer.fitOnTexts(List.of("...", ""));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> tokenizer.textsToMatrix(TEXTS, Mode.BINARY));
        assertEquals("Specify a dimension (numWords), or fit on some text data first", e.getMessage());
    }

    private static void assertMatrix(double[][] expected, INDArray actual) {
        assertEquals(DataType.FLOAT, actual.dataType());
        double[][] values = actual.toDoubleMatrix();
        assertEquals(expected.length, values.length);
        for (int row = 0; row < expected.length; row++) {
            assertArrayEquals(expected[row], values[row], 1e-6, "row " + row);
        }
    }
}
