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

    /** The benchmark run with {@code args}: its status, and what it printed. */
    private record Run(int status, String printed) {
    }

    private static Run benchmark(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int status = Examples.execute(new Benchmark(), args);
            return new Run(status, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void printsOneTorchReferenceLinePerModel() {
        Run run = benchmark("boston-dense", "mnist-dense", "--samples", "64", "--epochs", "1");

        assertEquals(0, run.status(), run.printed());
        String[] lines = run.printed().strip().split("\n");
        assertEquals(2, lines.length, run.printed());
        assertTrue(lines[0].matches("model=boston-dense samples=64 epoch_s=\\d+\\.\\d{3} samples_per_s=\\d+\\.\\d threads=\\d+"),
                lines[0]);
        assertTrue(lines[1].startsWith("model=mnist-dense samples=64 "), lines[1]);
    }

    @Test
    void theSequenceModelsTrainOnWordIndicesAndWindows() {
        Run run = benchmark("imdb-lstm", "jena-gru", "--samples", "16", "--epochs", "1");

        assertEquals(0, run.status(), run.printed());
        assertTrue(run.printed().contains("model=imdb-lstm samples=16 "), run.printed());
        assertTrue(run.printed().contains("model=jena-gru samples=16 "), run.printed());
    }

    /** Chapter 8's: the VAE on digits and its two targets, the GAN's loop of two networks (one iteration here). */
    @Test
    void theGenerativeModelsTrainTheirOwnWay() {
        Run run = benchmark("mnist-vae", "cifar-gan", "--samples", "40", "--epochs", "1");

        assertEquals(0, run.status(), run.printed());
        assertTrue(run.printed().contains("model=mnist-vae samples=40 "), run.printed());
        assertTrue(run.printed().contains("model=cifar-gan samples=40 "), run.printed());
    }

    @Test
    void dl4jsLayersRunTheModelsThatHaveThemAndSkipTheOthersSayingWhy() {
        Run run = benchmark("imdb-lstm", "jena-gru", "--samples", "16", "--epochs", "1", "--layers", "dl4j");

        assertEquals(0, run.status(), run.printed());
        assertTrue(run.printed().contains("model=imdb-lstm samples=16 "), run.printed());
        assertTrue(run.printed().contains(
                "model=jena-gru skipped: --layers dl4j: DL4J 1.0.0-M2.1 has no layer for Keras' GRU"), run.printed());
    }

    @Test
    void unknownModelIsOneMessage() {
        assertEquals(1, Examples.execute(new Benchmark(), "resnet50"));
    }
}
