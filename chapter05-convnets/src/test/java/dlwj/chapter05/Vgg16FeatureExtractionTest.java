package dlwj.chapter05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole 5.3.1 pipeline in --quick mode: tinted fixture pictures and, for VGG16's file, the small
 * VGG-like stack in Keras' weight-file layout that training's tests check against numpy.
 */
class Vgg16FeatureExtractionTest {

    @TempDir
    Path dir;

    @Test
    void extractsCachesAndClassifiesTheFeatures() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        Path weights = VggLikeWeights.copyTo(dir);
        String[] args = {"--quick", "--weights", weights.toString(), "--local-file",
            dir.resolve("cats_and_dogs_filtered.zip").toString(), "--cache-dir", dir.resolve("cache").toString(),
            "--out", dir.resolve("out").toString(), "--epochs", "8", "--batch-size", "10"};

        ExampleRun first = ExampleRun.of(new Vgg16FeatureExtraction(), args);

        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().matches("(?s).*block2_pool \\(MaxPooling2D\\) +\\(None, 37, 37, 6\\).*"), first.output());
        assertEquals(2, first.output().lines().filter(l -> l.startsWith("Extracting the features of 60 pictures"))
                .count(), first.output());
        assertTrue(first.result("highest_val_acc") > 0.7, "reddish cats, bluish dogs\n" + first.output());
        assertTrue(Files.exists(dir.resolve("out/vgg16-features-accuracy.png")));

        ExampleRun again = ExampleRun.of(new Vgg16FeatureExtraction(), args);
        assertEquals(0, again.status(), again.output());
        assertEquals(2, again.output().lines().filter(l -> l.startsWith("Features of ")).count(), again.output());

        Path original = Files.move(weights, dir.resolve("original.h5"));
        Fixtures.withOneWeightReplaced(original, "block1_conv1", 0.5f, weights); // same name and size, other weights
        ExampleRun otherWeights = ExampleRun.of(new Vgg16FeatureExtraction(), args);
        assertEquals(0, otherWeights.status(), otherWeights.output());
        assertEquals(2, otherWeights.output().lines().filter(l -> l.startsWith("Extracting the features of 60 "))
                .count(), "features of other weights are extracted anew\n" + otherWeights.output());
    }

    @Test
    void weightsThatAreNotNumbersAreOneLineAndStatus1() throws Exception {
        Fixtures.write(dir.resolve("cats_and_dogs_filtered.zip"), Fixtures.catsAndDogsZip(1000, 500));
        Path weights = Fixtures.withOneWeightReplaced(VggLikeWeights.copyTo(dir), "block1_conv1", Float.NaN,
                dir.resolve("nan-weights.h5"));

        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ExampleRun run;
        try {
            run = ExampleRun.of(new Vgg16FeatureExtraction(), "--quick", "--weights", weights.toString(),
                    "--local-file", dir.resolve("cats_and_dogs_filtered.zip").toString(), "--cache-dir",
                    dir.resolve("cache").toString(), "--out", dir.resolve("out").toString());
        } finally {
            System.setErr(original);
        }

        String error = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("[")).findFirst()
                .orElse(""); // the logged lines start with their level
        assertEquals(1, run.status(), run.output());
        assertTrue(error.contains("nan-weights.h5: block1_conv1/"), error);
        assertTrue(error.matches(".* holds NaN at index \\d+, not a trained weight \\(damaged file\\)"), error);
        assertFalse(run.output().contains("loss"), "nothing trained on them\n" + run.output());
    }
}
