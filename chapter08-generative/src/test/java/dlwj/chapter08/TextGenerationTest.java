package dlwj.chapter08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Section 8.1: the sequences one-hot batch by batch, the temperature's sampling, and the example end to end. */
class TextGenerationTest {

    @TempDir
    Path dir;

    @Test
    void theBatchesAreTheBooksOneHotTensorInAShuffledOrder() {
        String text = "the cat sat on the mat; the dog sat on the log.";
        CharacterSequences sequences = new CharacterSequences(text, 6, 3, 4, 1);
        // sentences and next_chars as listing 8.3 builds them: for i in range(0, len(text) - maxlen, step)
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < text.length() - 6; i += 3) {
            expected.add(text.substring(i, i + 6) + text.charAt(i + 6));
        }

        List<String> batched = new ArrayList<>();
        while (sequences.hasNext()) {
            DataSet batch = sequences.next();
            assertEquals(15, batch.getFeatures().size(1), "one-hot over the 15 distinct characters");
            for (int i = 0; i < batch.numExamples(); i++) {
                INDArray sentence = batch.getFeatures().slice(i);
                assertEquals(6.0, sentence.sumNumber().doubleValue(), 1e-9, "one 1 a character");
                batched.add(decode(sequences, sentence)
                        + sequences.chars()[batch.getLabels().getRow(i).argMax().getInt(0)]);
            }
        }

        assertEquals(14, sequences.sentences());
        assertArrayEquals(" .;acdeghlmnost".toCharArray(), sequences.chars());
        assertTrue(!expected.equals(batched), "shuffled");
        Collections.sort(expected);
        Collections.sort(batched);
        assertEquals(expected, batched);
    }

    @Test
    void eachEpochShufflesTheSentencesAgain() {
        CharacterSequences sequences = new CharacterSequences("abcdefghijklmnopqrstuvwxyz".repeat(4), 5, 1, 200, 7);
        INDArray first = sequences.next().getLabels();
        sequences.reset();
        INDArray second = sequences.next().getLabels();

        assertEquals(first.sum(0), second.sum(0), "the same sentences");
        assertTrue(!first.equals(second), "in another order");
    }

    @Test
    void aLowTemperaturePicksTheLikeliestAndTheUsualOneDrawsInProportion() {
        INDArray probabilities = Nd4j.createFromArray(0.1, 0.6, 0.3).castTo(DataType.FLOAT);
        Random random = new Random(3);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[TemperatureSampling.sample(probabilities, 1.0, random)]++;
        }
        assertEquals(0.1, counts[0] / 30_000.0, 0.01);
        assertEquals(0.6, counts[1] / 30_000.0, 0.01);
        for (int i = 0; i < 100; i++) {
            assertEquals(1, TemperatureSampling.sample(probabilities, 0.01, random));
        }
        // temperature 2: weights sqrt(p), normalized
        int[] warm = new int[3];
        for (int i = 0; i < 30_000; i++) {
            warm[TemperatureSampling.sample(probabilities, 2.0, random)]++;
        }
        double norm = Math.sqrt(0.1) + Math.sqrt(0.6) + Math.sqrt(0.3);
        assertEquals(Math.sqrt(0.1) / norm, warm[0] / 30_000.0, 0.01);
        assertThrows(IllegalArgumentException.class, () -> TemperatureSampling.sample(probabilities, 0, random));
    }

    @Test
    void theExampleTrainsGoesOnFromItsCheckpointAsIfUninterruptedAndWritesWhatItGenerates() throws Exception {
        StringBuilder text = new StringBuilder();
        Random random = new Random(5);
        String[] words = {"the", "will", "to", "power", "is", "truth", "and", "morality", "of", "man"};
        while (text.length() < 30_000) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? ".\n" : " ");
        }
        Path file = Files.writeString(dir.resolve("nietzsche.txt"), text, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");

        String[] common = {"--quick", "--local-file", file.toString(), "--cache-dir", dir.toString(), "--out",
            out.toString()};
        ExampleRun first = ExampleRun.of(new TextGeneration(), common, "--epochs", "1");
        ExampleRun run = ExampleRun.of(new TextGeneration(), common, "--epochs", "2", "--resume");
        Path uninterruptedOut = dir.resolve("uninterrupted");
        ExampleRun uninterrupted = ExampleRun.of(new TextGeneration(), "--quick", "--local-file", file.toString(),
                "--cache-dir", dir.toString(), "--out", uninterruptedOut.toString(), "--epochs", "2");

        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains("Number of sequences: 6647"), first.output()); // (20,000 - 60 + 2) / 3
        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("Resuming after epoch 1"), run.output());
        assertEquals(first.result("loss_epoch_1"), run.result("loss_epoch_1"));
        assertTrue(run.result("loss_epoch_2") < run.result("loss_epoch_1"), run.output());
        String generated = Files.readString(out.resolve("generated-text.txt"));
        assertEquals(2, generated.split("--- epoch ", -1).length - 1);
        assertEquals(8, generated.split("------ temperature: ", -1).length - 1);
        assertTrue(Files.exists(out.resolve("text-generation-loss.png")));
        // the resumed run shuffled, picked its seed and sampled as the uninterrupted one did
        assertEquals(0, uninterrupted.status(), uninterrupted.output());
        assertEquals(uninterrupted.result("loss_epoch_2"), run.result("loss_epoch_2"));
        assertEquals(Files.readString(uninterruptedOut.resolve("generated-text.txt")), generated);
    }

    private static String decode(CharacterSequences sequences, INDArray oneHot) {
        StringBuilder sentence = new StringBuilder();
        for (int t = 0; t < oneHot.size(1); t++) {
            sentence.append(sequences.chars()[oneHot.getColumn(t).argMax().getInt(0)]);
        }
        return sentence.toString();
    }
}
