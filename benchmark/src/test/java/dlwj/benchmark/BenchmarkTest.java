package dlwj.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's lines compare one to one with docs/reference/torch_peer.py's: same names, same fields. */
class BenchmarkTest {

    @Test
    void printsOneTorchReferenceLinePerModel() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(new Benchmark(), "boston-dense", "mnist-dense", "--samples", "64", "--epochs", "1");
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        String[] lines = printed.strip().split("\n");
        assertEquals(2, lines.length, printed);
        assertTrue(lines[0].matches("model=boston-dense samples=64 epoch_s=\\d+\\.\\d{3} samples_per_s=\\d+\\.\\d threads=\\d+"),
                lines[0]);
        assertTrue(lines[1].startsWith("model=mnist-dense samples=64 "), lines[1]);
    }

    @Test
    void theSequenceModelsTrainOnWordIndicesAndWindows() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(new Benchmark(), "imdb-lstm", "jena-gru", "--samples", "16", "--epochs", "1");
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertTrue(printed.contains("model=imdb-lstm samples=16 "), printed);
        assertTrue(printed.contains("model=jena-gru samples=16 "), printed);
    }

    /** Chapter 8's: the VAE on digits and its two targets, the GAN's loop of two networks (one iteration here). */
    @Test
    void theGenerativeModelsTrainTheirOwnWay() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(new Benchmark(), "mnist-vae", "cifar-gan", "--samples", "40", "--epochs", "1");
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertTrue(printed.contains("model=mnist-vae samples=40 "), printed);
        assertTrue(printed.contains("model=cifar-gan samples=40 "), printed);
    }

    @Test
    void dl4jsLayersRunTheModelsThatHaveThemAndSkipTheOthersSayingWhy() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Examples.execute(new Benchmark(), "imdb-lstm", "jena-gru", "--samples", "16", "--epochs", "1",
                    "--layers", "dl4j");
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed);
        assertTrue(printed.contains("model=imdb-lstm samples=16 "), printed);
        assertTrue(printed.contains("model=jena-gru skipped: --layers dl4j: DL4J 1.0.0-M2.1 has no layer for Keras' GRU"),
                printed);
    }

    @Test
    void unknownModelIsOneMessage() {
        assertEquals(1, Examples.execute(new Benchmark(), "resnet50"));
    }
}
