package dlwj.chapter06;

import static dlwj.training.NumpyNames.shape;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.training.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 6.1.1, "One-hot encoding of words and characters" (listings 6.1-6.4): the book's two toy
 * samples turned into one-hot tensors by hand, word by word and character by character, then with Keras'
 * {@code Tokenizer}, then with the hashing trick. Each tensor is printed as its shape and, per sample, the
 * index of the one in each position (what {@code results[i].argmax(axis=-1)} prints in numpy).
 */
@Command(name = "OneHotEncoding", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.1.1: one-hot encoding of words and characters, Keras' Tokenizer, the hashing trick.")
public final class OneHotEncoding implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new OneHotEncoding(), args);
    }

    @Override
    public Integer call() {
        // Listing 6.1: word-level one-hot encoding (toy example)
        List<String> samples = List.of("The cat sat on the mat.", "The dog ate my homework.");
        Map<String, Integer> tokenIndex = new LinkedHashMap<>();
        for (String sample : samples) {
            for (String word : split(sample)) {
                tokenIndex.putIfAbsent(word, tokenIndex.size() + 1); // index 0 is attributed to nothing
            }
        }
        int maxLength = 10;
        INDArray results = Nd4j.zeros(DataType.DOUBLE, samples.size(), maxLength,
                Collections.max(tokenIndex.values()) + 1);
        for (int i = 0; i < samples.size(); i++) {
            List<String> words = split(samples.get(i));
            for (int j = 0; j < Math.min(maxLength, words.size()); j++) {
                results.putScalar(new long[] {i, j, tokenIndex.get(words.get(j))}, 1);
            }
        }
        System.out.println("token_index = " + tokenIndex);
        show("words", results);

        // Listing 6.2: character-level one-hot encoding (toy example), over Python's string.printable
        Map<Character, Integer> characterIndex = new LinkedHashMap<>();
        for (char character : PRINTABLE.toCharArray()) {
            characterIndex.put(character, characterIndex.size() + 1);
        }
        int maxCharacters = 50;
        INDArray characterResults = Nd4j.zeros(DataType.DOUBLE, samples.size(), maxCharacters,
                Collections.max(characterIndex.values()) + 1);
        for (int i = 0; i < samples.size(); i++) {
            String sample = samples.get(i);
            for (int j = 0; j < Math.min(maxCharacters, sample.length()); j++) {
                characterResults.putScalar(new long[] {i, j, characterIndex.get(sample.charAt(j))}, 1);
            }
        }
        show("characters", characterResults);

        // Listing 6.3: using Keras for word-level one-hot encoding: the top 1,000 words, punctuation stripped
        Tokenizer tokenizer = new Tokenizer(1000);
        tokenizer.fitOnTexts(samples);
        int[][] sequences = tokenizer.textsToSequences(samples);
        INDArray oneHotResults = tokenizer.textsToMatrix(samples, Tokenizer.Mode.BINARY);
        Map<String, Integer> wordIndex = tokenizer.wordIndex();
        System.out.printf("Found %d unique tokens.%n", wordIndex.size());
        System.out.println("word_index = " + wordIndex);
        System.out.println("sequences = " + Arrays.deepToString(sequences));
        System.out.println("one_hot_results.shape = " + shape(oneHotResults.shape()));

        // Listing 6.4: word-level one-hot encoding with the hashing trick (toy example). Python's hash() of a
        // string changes with every process; Java's String.hashCode is the same in every run.
        int dimensionality = 1000;
        INDArray hashedResults = Nd4j.zeros(DataType.DOUBLE, samples.size(), maxLength, dimensionality);
        for (int i = 0; i < samples.size(); i++) {
            List<String> words = split(samples.get(i));
            for (int j = 0; j < Math.min(maxLength, words.size()); j++) {
                int index = Math.floorMod(words.get(j).hashCode(), dimensionality);
                hashedResults.putScalar(new long[] {i, j, index}, 1);
            }
        }
        show("hashed words", hashedResults);

        options.record("unique_tokens", wordIndex.size());
        options.record("word_level_shape", shapeOf(results));
        options.record("character_level_shape", shapeOf(characterResults));
        options.record("one_hot_results_shape", shapeOf(oneHotResults));
        return 0;
    }

    /** Python's {@code string.printable}: digits, letters, punctuation, then white space. */
    static final String PRINTABLE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\u000b\f";

    /** Python's {@code str.split()}: the words between runs of white space. */
    private static List<String> split(String sample) {
        String trimmed = sample.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /** The tensor's shape, then for each sample the index of the one in each position that holds one. */
    private static void show(String what, INDArray oneHot) {
        System.out.printf("%s: shape %s%n", what, shape(oneHot.shape()));
        for (int i = 0; i < oneHot.size(0); i++) {
            INDArray sample = oneHot.slice(i);
            List<Integer> indices = new ArrayList<>();
            for (int j = 0; j < sample.rows(); j++) {
                if (sample.getRow(j).sumNumber().doubleValue() > 0) {
                    indices.add(sample.getRow(j).argMax().getInt(0));
                }
            }
            System.out.printf("  sample %d: %s%n", i, indices);
        }
    }

    private static double[] shapeOf(INDArray array) {
        return Arrays.stream(array.shape()).asDoubleStream().toArray();
    }

    // The command line: --out for the results file
    @Mixin
    ExampleOptions options = new ExampleOptions();
}
