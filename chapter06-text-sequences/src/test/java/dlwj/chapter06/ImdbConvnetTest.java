package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.training.LayerChoice;
import dlwj.training.Sequences;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Listings 6.45-6.46 on a small, learnable imdb.npz in Keras' layout, reviews cut to 60 words. */
class ImdbConvnetTest {

    @TempDir
    Path dir;

    @Test
    void printsKerasSummaryAndLearns() throws Exception {
        // every fourth word of a fixture review tells its label
        Fixtures.imdb(dir, 500, 20, 3);

        ExampleRun run = ExampleRun.of(new ImdbConvnet(), "--quick", "--max-len", "60", "--epochs", "8",
                "--batch-size", "8", "--local-file", dir.resolve("imdb.npz").toString(), "--cache-dir",
                dir.toString(), "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        // Keras' summary of listing 6.46 at 60 words: 60 - 6 = 54, 54 / 5 = 10, 10 - 6 = 4 steps
        for (String row : new String[] {
            "embedding_1 (Embedding)      (None, 60, 128)           1,280,000",
            "conv1d_1 (Conv1D)            (None, 54, 32)            28,704",
            "max_pooling1d_1 (MaxPooling1D)(None, 10, 32)            0",
            "conv1d_2 (Conv1D)            (None, 4, 32)             7,200",
            "global_max_pooling1d_1 (GlobalMaxPooling1D)(None, 32)                0",
            "dense_1 (Dense)              (None, 1)                 33",
            "Total params: 1,315,937"}) {
            assertTrue(run.output().contains(row), "'" + row + "' in\n" + run.output());
        }
        assertTrue(run.result("best_val_acc") > 0.75, "2 classes: chance is 0.5\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/imdb-conv1d-accuracy.png")));
    }

    @Test
    void theModelIsTheSameWithDl4jsLayers() {
        int[][] reviews = new int[4][];
        for (int i = 0; i < reviews.length; i++) {
            reviews[i] = new int[] {1, 2 + i, 7, 3 * i + 4, 9, 2 * i + 11, 5, 8, 13, 21, 3, 6, 2, 19, 4, 17, 1, 12, 6, 9};
        }
        INDArray x = Sequences.embeddingInput(Sequences.padSequences(reviews, 60));
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}});

        StockLayers.assertSameModel(ImdbConvnet.model(LayerChoice.KERAS, 1, 30, 60),
                ImdbConvnet.model(LayerChoice.DL4J, 1, 30, 60), x, y);
    }
}
