package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings 6.5-6.7 on a small, learnable imdb.npz in Keras' layout. */
class ImdbEmbeddingLayerTest {

    @TempDir
    Path dir;

    @Test
    void learnsFromTheLastTwentyWordsOfEachReview() throws Exception {
        // every fourth word of a fixture review tells its label
        Fixtures.imdb(dir, 700, 10, 3);

        ExampleRun run = ExampleRun.of(new ImdbEmbeddingLayer(), "--quick", "--epochs", "8",
                "--local-file", dir.resolve("imdb.npz").toString(), "--cache-dir", dir.toString(),
                "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("embedding_1 (Embedding)      (None, 20, 8)             80,000"), run.output());
        assertTrue(run.output().contains("flatten_1 (Flatten)          (None, 160)               0"), run.output());
        // Keras' validation_split=0.2: the last 140 of the 700 reviews validate
        assertTrue(run.output().contains("Epoch 8/8 "), run.output());
        assertTrue(run.result("best_val_acc") > 0.8, "2 classes: chance is 0.5\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/imdb-embedding-accuracy.png")));
        assertTrue(Files.exists(dir.resolve("out/imdb-embedding-loss.png")));
    }
}
