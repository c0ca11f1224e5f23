package dlwj.datasets;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dlwj.datasets.files.FileValidator;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A dataset's word index, as Keras' {@code get_word_index()} returns it: each word's rank by frequency
 * (1 is the most frequent). The sequences of {@code load_data} hold these ranks plus {@code index_from}
 * (3), so decoding subtracts it, as the book does:
 * {@code ' '.join([reverse_word_index.get(i - 3, '?') for i in train_data[0]])}.
 */
public final class WordIndex {

    private final Map<String, Integer> ranks;
    private final Map<Integer, String> words;

    public WordIndex(Map<String, Integer> ranks) {
        this.ranks = Map.copyOf(ranks);
        this.words = new HashMap<>();
        ranks.forEach((word, rank) -> words.putIfAbsent(rank, word));
    }

    /** Reads Keras' JSON word index file: an object mapping each word to its rank, a positive integer. */
    public static WordIndex read(Path file) throws IOException {
        JsonObject json = FileReading.jsonObject(file, "a word index");
        if (json.size() == 0) {
            throw new InvalidDataFileException(file.getFileName() + " holds no words");
        }
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            ranks.put(entry.getKey(), rank(file, entry.getKey(), entry.getValue()));
        }
        return new WordIndex(ranks);
    }

    private static int rank(Path file, String word, JsonElement value) throws InvalidDataFileException {
        BigDecimal number = value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                ? decimal(value.getAsJsonPrimitive().getAsString()) : null;
        if (number == null || number.signum() <= 0 || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || number.stripTrailingZeros().scale() > 0) {
            throw new InvalidDataFileException(file.getFileName() + ": the rank of '" + word + "' is "
                    + FileReading.kind(value) + ", not a positive integer (1 is the most frequent word)");
        }
        return number.intValue();
    }

    /**
     * A JSON number as an exact decimal, or null when it has no such value: an exponent past what a decimal
     * holds ({@code 1e2147483648}).
     */
    private static BigDecimal decimal(String number) {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The structural check of a word index file: JSON mapping at least {@code minWords} words to ranks. */
    static FileValidator holding(int minWords) {
        return file -> {
            int size = read(file).size();
            if (size < minWords) {
                throw new InvalidDataFileException(file.getFileName() + " holds " + size + " words, expected "
                        + minWords + " or more");
            }
        };
    }

    /** The rank of {@code word}, if it is in the index. */
    public Optional<Integer> rank(String word) {
        return Optional.ofNullable(ranks.get(word));
    }

    /** The word of rank {@code rank}, if any. */
    public Optional<String> word(int rank) {
        return Optional.ofNullable(words.get(rank));
    }

    public int size() {
        return ranks.size();
    }

    /**
     * Decodes a sequence of {@code load_data} back to words: each index minus {@code indexFrom} looked up,
     * {@code ?} where there is no word (padding, start, OOV).
     */
    public String decode(int[] sequence, int indexFrom) {
        return Arrays.stream(sequence)
                .mapToObj(i -> words.getOrDefault(i - indexFrom, "?"))
                .collect(Collectors.joining(" "));
    }

    /** {@link #decode(int[], int)} with Keras' default {@code index_from=3}. */
    public String decode(int[] sequence) {
        return decode(sequence, TextOptions.defaults().indexFrom());
    }
}
