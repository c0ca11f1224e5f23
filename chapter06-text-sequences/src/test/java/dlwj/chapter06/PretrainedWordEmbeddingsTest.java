package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import dlwj.training.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Listings 6.8-6.17 on a small aclImdb_v1.tar.gz in Stanford's layout, whose reviews carry a word of their
 * label every third word, and a glove.6B.zip in GloVe's format that knows some of their words.
 */
class PretrainedWordEmbeddingsTest {

    private static final List<String> FILLER = List.of("film", "movie", "story", "actor", "scene", "plot", "end");

    @TempDir
    Path dir;

    private Path reviews;
    private Path glove;

    @BeforeEach
    void writeFixtures() throws Exception {
        Random random = new Random(4);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String split : List.of("train", "test")) {
            for (String label : List.of("neg", "pos")) {
                for (int i = 0; i < (split.equals("train") ? 150 : 30); i++) {
                    entries.put("aclImdb/" + split + "/" + label + "/" + i + "_" + (label.equals("pos") ? 9 : 2)
                            + ".txt", review(label, random).getBytes());
                }
            }
        }
        reviews = Fixtures.write(dir.resolve("aclImdb_v1.tar.gz"), Fixtures.tarGz(entries));
        // GloVe knows the filler words and the first three words of each label, not "bad4" or "good4"
        List<String> known = new ArrayList<>(FILLER);
        known.addAll(List.of("bad1", "bad2", "bad3", "good1", "good2", "good3", "unused"));
        glove = Fixtures.write(dir.resolve("glove.6B.zip"), Fixtures.gloveZip(known, Map.of()));
    }

    /** 30 words, every third one {@code good1}-{@code good4} for a positive review, {@code bad1}-{@code bad4}. */
    private static String review(String label, Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 30; w++) {
            text.append(w % 3 == 0 ? (label.equals("pos") ? "Good" : "Bad") + (1 + random.nextInt(4)) + ","
                    : FILLER.get(random.nextInt(FILLER.size()))).append(' ');
        }
        return text.toString();
    }

    private ExampleRun run(String... options) {
        List<String> args = new ArrayList<>(List.of("--local-file", reviews.toString(), "--local-file",
                glove.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(options));
        return ExampleRun.of(new PretrainedWordEmbeddings(), args.toArray(String[]::new));
    }

    @Test
    void freezesGloVeVectorsAndLearnsWithoutThem() {
        ExampleRun run = run();

        assertEquals(0, run.status(), run.output());
        // the tokenizer lower-cases and strips the commas: 7 filler words, good1-4, bad1-4
        assertTrue(run.output().contains("Found 15 unique tokens."), run.output());
        assertTrue(run.output().contains("Shape of data tensor: (300, 100)"), run.output());
        assertTrue(run.output().contains("Shape of label tensor: (300,)"), run.output());
        assertTrue(run.output().contains("Found 14 word vectors."), run.output());
        assertTrue(run.output().contains("embedding_1 (Embedding)      (None, 100, 100)          1,000,000"), run.output());
        assertTrue(run.output().contains("Total params: 1,320,065"), run.output());
        assertTrue(run.output().contains("Trainable params: 320,065"), "the embeddings are frozen\n" + run.output());
        assertTrue(run.results("glove_best_val_acc").size() == 1 && run.result("learned_best_val_acc") > 0.8,
                "2 classes: chance is 0.5\n" + run.output());
        assertTrue(run.result("test_acc") >= 0 && run.result("test_loss") > 0, run.output());
        assertTrue(Files.exists(dir.resolve("out/imdb-glove-accuracy.png")));
        assertTrue(Files.exists(dir.resolve("out/imdb-learned-loss.png")));
    }

    @Test
    void theSavedGloVeModelHoldsGloVesVectorsUnchangedByTraining() {
        ExampleRun run = run("--epochs", "2");
        assertEquals(0, run.status(), run.output());

        MultiLayerNetwork saved = ModelFiles.loadMultiLayerNetwork(dir.resolve("out/pre_trained_glove_model.zip"));
        INDArray embeddings = saved.getLayer(0).getParam("W");

        // word 1 is the most frequent token; a word GloVe lacks keeps zeros, as does index 0 (padding)
        assertEquals(0, embeddings.getRow(0).amaxNumber().doubleValue(), 0);
        int knownWords = 0;
        for (int i = 1; i <= 15; i++) {
            double first = embeddings.getDouble(i, 0);
            if (first != 0) {
                knownWords++;
                // Fixtures.gloveText: value j of GloVe's word w is (w + 1) (j + 1) / 1000, negative for odd j
                assertEquals(-2 * first, embeddings.getDouble(i, 1), 1e-6);
            }
        }
        assertEquals(13, knownWords, "7 filler words and 3 of each label's 4 are in GloVe");
    }

    @Test
    void withoutGloveTheLearnedModelIsEvaluated() {
        ExampleRun run = run("--without-glove", "--epochs", "2");

        assertEquals(0, run.status(), run.output());
        assertTrue(!run.output().contains("word vectors"), run.output());
        assertTrue(run.output().contains("Learned-embedding model: test_loss"), run.output());
    }
}
