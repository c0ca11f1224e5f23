package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.Examples;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.training.LayerChoice;
import dlwj.training.Sequences;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Listings 6.22-6.27 on a small, learnable imdb.npz in Keras' layout, reviews cut to 40 words. */
class ImdbRecurrentTest {

    @TempDir
    Path dir;

    private String[] data;

    @BeforeEach
    void writeFixtures() throws Exception {
        // every fourth word of a fixture review tells its label
        Fixtures.imdb(dir, 500, 20, 3);
        data = new String[] {"--quick", "--maxlen", "40", "--epochs", "6", "--batch-size", "32",
            "--local-file", dir.resolve("imdb.npz").toString(), "--cache-dir", dir.toString(),
            "--out", dir.resolve("out").toString()};
    }

    @Test
    void simpleRnnPrintsKerasSummariesAndLearns() {
        ExampleRun run = ExampleRun.of(new ImdbRecurrent(), data);

        assertEquals(0, run.status(), run.output());
        // the book's three summaries, then the model's
        assertTrue(run.output().contains("simple_rnn_1 (SimpleRNN)     (None, 32)                2,080"), run.output());
        assertTrue(run.output().contains("simple_rnn_1 (SimpleRNN)     (None, None, 32)          2,080"), run.output());
        assertTrue(run.output().contains("simple_rnn_4 (SimpleRNN)     (None, 32)                2,080\n"
                + "=================================================================\nTotal params: 328,320"),
                run.output());
        assertTrue(run.output().contains("input_train shape: (500, 40)"), run.output());
        assertTrue(run.output().contains("Total params: 322,113"), run.output());
        assertTrue(run.result("best_val_acc") > 0.8, "2 classes: chance is 0.5\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/imdb-simple-rnn-accuracy.png")));
    }

    @Test
    void lstmLearnsToo() {
        ExampleRun run = ExampleRun.of(new ImdbRecurrent(), data, "--model", "lstm");

        assertEquals(0, run.status(), run.output());
        // LSTM(32) over 32 inputs: 4 gates x (32 x 32 + 32 x 32 + 32)
        assertTrue(run.output().contains("lstm_1 (LSTM)                (None, 32)                8,320"), run.output());
        assertTrue(run.result("best_val_acc") > 0.8, "2 classes: chance is 0.5\n" + run.output());
        assertTrue(Files.exists(dir.resolve("out/imdb-lstm-loss.png")));
    }

    @Test
    void reversedAndBidirectionalLstmsLearn() {
        ExampleRun reversed = ExampleRun.of(new ImdbRecurrent(), data, "--model", "reversed-lstm");
        ExampleRun bidirectional = ExampleRun.of(new ImdbRecurrent(), data, "--model", "bidirectional-lstm",
                "--reversed-input"); // as the notebook, on the reviews its cell before reversed

        assertEquals(0, reversed.status(), reversed.output());
        assertTrue(reversed.output().contains("embedding_1 (Embedding)      (None, None, 128)         1,280,000"),
                reversed.output());
        assertTrue(reversed.result("best_val_acc") > 0.75, reversed.output());
        assertEquals(0, bidirectional.status(), bidirectional.output());
        assertTrue(bidirectional.output().contains("bidirectional_1 (Bidirectional)(None, 64)                16,640"),
                bidirectional.output());
        assertTrue(bidirectional.result("best_val_acc") > 0.75, bidirectional.output());
        assertTrue(reversed.output().contains("Each review reversed (x[::-1])"), reversed.output());
        assertTrue(bidirectional.output().contains("Each review reversed (x[::-1])"), bidirectional.output());
        assertEquals(2, ExampleRun.of(new ImdbRecurrent(), data, "--model", "gru").status());
    }

    @Test
    void theRecurrentModelsAreTheSameWithDl4jsLayers() {
        int[][] reviews = new int[6][];
        for (int i = 0; i < reviews.length; i++) {
            reviews[i] = new int[] {1, 2 + i, 7, 3 * i + 4, 9, 2 * i + 11};
        }
        INDArray x = Sequences.embeddingInput(Sequences.padSequences(reviews, 8));
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {1}, {0}, {1}, {0}});

        for (String model : new String[] {"simple-rnn", "lstm", "reversed-lstm"}) {
            StockLayers.assertSameModel(ImdbRecurrent.model(model, LayerChoice.KERAS, 1, 30),
                    ImdbRecurrent.model(model, LayerChoice.DL4J, 1, 30), x, y);
        }
    }

    @Test
    void dl4jsLstmLearnsAndTheBidirectionalOneIsRefusedInOneLine() {
        ExampleRun lstm = ExampleRun.of(new ImdbRecurrent(), data, "--model", "lstm", "--layers", "dl4j");
        StringWriter err = new StringWriter();
        int bidirectional = Examples.execute(new ImdbRecurrent(), new PrintWriter(err, true), "--model",
                "bidirectional-lstm", "--layers", "dl4j", "--out", dir.toString());

        assertEquals(0, lstm.status(), lstm.output());
        assertTrue(lstm.output().contains("Total params: 328,353"), lstm.output());
        assertTrue(lstm.result("best_val_acc") > 0.8, "2 classes: chance is 0.5\n" + lstm.output());
        assertEquals(2, bidirectional);
        assertTrue(err.toString().startsWith("--layers dl4j: DL4J 1.0.0-M2.1 has no layer for Keras' "
                + "Bidirectional(LSTM)"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
