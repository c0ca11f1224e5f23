package dlwj.chapter03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.datasets.Reuters;
import dlwj.datasets.TextOptions;
import dlwj.datasets.files.DataSource;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The example in --quick mode on a small, learnable reuters.npz and a word index in Keras' layout. */
class ReutersNewswiresTest {

    @TempDir
    Path dir;

    private String[] data;

    @BeforeEach
    void writeFixture() throws Exception {
        Fixtures.reuters(dir.resolve("reuters.npz"), 1000, 6);
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (int rank = 1; rank <= 500; rank++) { // the fixture's words are ranks 1 to 500
            ranks.put("w" + rank, rank);
        }
        Fixtures.write(dir.resolve("reuters_word_index.json"), Fixtures.wordIndexJson(ranks));
        data = new String[] {"--quick", "--local-file", dir.resolve("reuters.npz").toString(),
                "--local-file", dir.resolve("reuters_word_index.json").toString(), "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString(), "--batch-size", "32",
                "--epochs", "5"};
    }

    @Test
    void learnsTheTopicsAndPredictsProbabilities() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), data);

        assertEquals(0, run.status(), run.output());
        assertTrue(run.result("test_acc") > 0.5, "6 topics: chance is about 0.17\n" + run.output());
        assertTrue(run.result("random_baseline") < 0.35, run.output());
        assertTrue(run.output().contains("predictions[0]: shape (46,), sum 1.0000"), run.output());
        assertTrue(run.output().contains("Bottleneck model (Dense(4) in the middle): val_acc"), run.output());
        assertTrue(Files.exists(dir.resolve("out/reuters-loss.png")));
        assertTrue(run.output().contains("Epoch 9/9"), "listing 3.21 retrains for 9 epochs\n" + run.output());
    }

    @Test
    void decodesTheFirstNewswireAsTheBookDoes() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), data);

        // the book: ' '.join([reverse_word_index.get(i - 3, '?') for i in train_data[0]])
        int[] first = Reuters.loadData(TextOptions.builder().numWords(10_000).build(), DataSource.fromEnvironment()
                .withHome(dir).withLocalFile("reuters.npz", dir.resolve("reuters.npz"))).trainSequences()[0];
        String decoded = Arrays.stream(first).mapToObj(i -> i - 3 >= 1 && i - 3 <= 500 ? "w" + (i - 3) : "?")
                .collect(Collectors.joining(" "));
        assertEquals(0, run.status(), run.output());
        assertTrue(decoded.startsWith("? w"), "the start mark, then words: " + decoded);
        assertTrue(run.output().lines().anyMatch(("decoded_newswire = " + decoded)::equals), run.output());
    }

    @Test
    void withoutTheWordIndexItSaysSoInOneLineAndGoesOn() throws Exception {
        Path emptyMirror = Files.createDirectory(dir.resolve("mirror"));
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), "--quick", "--local-file",
                dir.resolve("reuters.npz").toString(), "--mirror", emptyMirror.toString(),
                "--cache-dir", dir.toString(), "--out", dir.resolve("out").toString(), "--epochs", "1");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("(no decoded newswire: the word index is unavailable: Could not download "
                + "reuters_word_index.json"), run.output());
        assertFalse(run.output().contains("decoded_newswire = "), run.output());
        assertTrue(run.output().contains("test_acc: "), run.output());
    }

    @Test
    void retrainingCanTakeTheEpochOfLowestValidationLossInstead() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), data,
                "--retrain-epochs", "best");

        assertEquals(0, run.status(), run.output());
        assertFalse(run.output().contains("/9"), run.output());
        assertEquals(2, ExampleRun.of(new ReutersNewswires(), data,
                "--retrain-epochs", "0").status());
    }

    @Test
    void integerLabelsWithSparseCrossentropyLearnToo() {
        ExampleRun run = ExampleRun.of(new ReutersNewswires(), data,
                "--labels", "integer");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.result("test_acc") > 0.5, run.output());
    }

    @Test
    void theModelIsTheSameWithDl4jsLayers() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 10_000).gt(0.99).castTo(DataType.FLOAT);
        INDArray y = Labels.toCategorical(Nd4j.createFromArray(0, 3, 45, 7, 3, 1, 0, 2, 9, 3, 3, 4, 5, 6, 7, 8), 46);

        StockLayers.assertSameModel(ReutersNewswires.model(LayerChoice.KERAS, 1, 64, KerasDefaults.categoricalCrossentropy()),
                ReutersNewswires.model(LayerChoice.DL4J, 1, 64, KerasDefaults.categoricalCrossentropy()), x, y);
    }
}
