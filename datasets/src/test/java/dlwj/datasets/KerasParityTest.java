package dlwj.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * numpy's RandomState and Keras' encoding options, against values numpy computed
 * ({@code src/test/python/keras_parity_vectors.py} wrote {@code keras-parity.json}).
 */
class KerasParityTest {

    private static JsonObject expected;

    @BeforeAll
    static void readExpectedValues() throws Exception {
        try (Reader reader = new InputStreamReader(
                KerasParityTest.class.getResourceAsStream("/dlwj/datasets/keras-parity.json"), StandardCharsets.UTF_8)) {
            expected = new Gson().fromJson(reader, JsonObject.class);
        }
    }

    @Test
    void rawOutputMatchesNumpysMt19937() {
        assertArrayEquals(longs(expected.getAsJsonArray("uint32_seed_113")), draw(new NumpyRandomState(113), 8));
        assertArrayEquals(longs(expected.getAsJsonArray("uint32_seed_4294967295")),
                draw(new NumpyRandomState(4294967295L), 4));
    }

    @Test
    void shufflesMatchNumpy() {
        NumpyRandomState rng = new NumpyRandomState(113);
        JsonArray tenThenSeven = expected.getAsJsonArray("shuffle_seed_113_10_then_7");
        assertArrayEquals(ints(tenThenSeven.get(0).getAsJsonArray()), rng.shuffledIndices(10));
        assertArrayEquals(ints(tenThenSeven.get(1).getAsJsonArray()), rng.shuffledIndices(7));

        assertArrayEquals(ints(expected.getAsJsonArray("shuffle_seed_113_506")),
                new NumpyRandomState(113).shuffledIndices(506));

        NumpyRandomState imdb = new NumpyRandomState(113);
        JsonArray imdbHeads = expected.getAsJsonArray("shuffle_seed_113_25000_twice_heads");
        assertArrayEquals(ints(imdbHeads.get(0).getAsJsonArray()), Arrays.copyOf(imdb.shuffledIndices(25000), 20));
        assertArrayEquals(ints(imdbHeads.get(1).getAsJsonArray()), Arrays.copyOf(imdb.shuffledIndices(25000), 20));

        assertArrayEquals(ints(expected.getAsJsonArray("shuffle_seed_113_11228_head")),
                Arrays.copyOf(new NumpyRandomState(113).shuffledIndices(11228), 20));
    }

    static Stream<JsonElement> cases() {
        return expected.getAsJsonArray("cases").asList().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void imdbEncodingMatchesKeras(JsonElement testCase) {
        JsonObject input = expected.getAsJsonObject("imdb_input");
        JsonObject want = testCase.getAsJsonObject().getAsJsonObject("imdb");

        SequenceData data = Imdb.encode(sequences(input, "x_train"), ints(input.getAsJsonArray("y_train")),
                sequences(input, "x_test"), ints(input.getAsJsonArray("y_test")), options(testCase));

        assertSame(want, data);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reutersEncodingAndSplitMatchKeras(JsonElement testCase) {
        JsonObject input = expected.getAsJsonObject("reuters_input");
        JsonObject want = testCase.getAsJsonObject().getAsJsonObject("reuters");

        SequenceData data = Reuters.encode(sequences(input, "x"), ints(input.getAsJsonArray("y")), options(testCase));

        assertSame(want, data);
    }

    private static void assertSame(JsonObject want, SequenceData data) {
        assertArrayEquals(sequences(want, "x_train"), data.trainSequences());
        assertArrayEquals(ints(want.getAsJsonArray("y_train")), data.trainLabels());
        assertArrayEquals(sequences(want, "x_test"), data.testSequences());
        assertArrayEquals(ints(want.getAsJsonArray("y_test")), data.testLabels());
    }

    /** The case's Keras keyword arguments as options. */
    private static TextOptions options(JsonElement testCase) {
        JsonObject kwargs = testCase.getAsJsonObject().getAsJsonObject("options");
        TextOptions.Builder options = TextOptions.builder();
        for (String key : kwargs.keySet()) {
            JsonElement value = kwargs.get(key);
            switch (key) {
                case "num_words" -> options.numWords(value.getAsInt());
                case "skip_top" -> options.skipTop(value.getAsInt());
                case "maxlen" -> options.maxlen(value.getAsInt());
                case "seed" -> options.seed(value.getAsLong());
                case "start_char" -> options.startChar(value.isJsonNull() ? null : value.getAsInt());
                case "oov_char" -> options.oovChar(value.isJsonNull() ? null : value.getAsInt());
                case "index_from" -> options.indexFrom(value.getAsInt());
                default -> throw new IllegalArgumentException(key);
            }
        }
        return options.build();
    }

    private static long[] draw(NumpyRandomState rng, int count) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = rng.nextUInt32();
        }
        return values;
    }

    private static int[][] sequences(JsonObject object, String name) {
        return object.getAsJsonArray(name).asList().stream().map(e -> ints(e.getAsJsonArray())).toArray(int[][]::new);
    }

    private static int[] ints(JsonArray array) {
        return array.asList().stream().mapToInt(JsonElement::getAsInt).toArray();
    }

    private static long[] longs(JsonArray array) {
        return array.asList().stream().mapToLong(JsonElement::getAsLong).toArray();
    }
}
