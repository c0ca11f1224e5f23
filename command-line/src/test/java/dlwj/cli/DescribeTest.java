package dlwj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe: what a dataset holds, from fixture files; its errors in one line. */
class DescribeTest {

    @TempDir
    Path home;
    @TempDir
    Path mirror;

    @Test
    void describePrintsShapesAndFirstSamples() throws Exception {
        double[] x = new double[10 * 13];
        for (int row = 0; row < 10; row++) {
            for (int column = 0; column < 13; column++) {
                x[row * 13 + column] = row * 100 + column;
            }
        }
        Fixtures.write(mirror.resolve("boston_housing.npz"), Fixtures.npz(Fixtures.arrays(
                "y", Fixtures.npyFloat64(new long[] {10}, new double[10]), "x", Fixtures.npyFloat64(new long[] {10, 13}, x))));
        String output = runDescribe("boston-housing", "--local-file", mirror.resolve("boston_housing.npz").toString(),
                "--cache-dir", home.toString());

        assertTrue(output.contains("x_train: shape (8, 13), dtype float64"), output);
        assertTrue(output.contains("first train sample: [900, 901, 902"), output);
    }

    @Test
    void describeSummarisesChapterSixData() throws Exception {
        Path reviews = Fixtures.write(mirror.resolve("aclImdb_v1.tar.gz"), Fixtures.tarGz(Fixtures.aclImdb()));
        Fixtures.write(mirror.resolve("glove.6B.zip"), Fixtures.gloveZip(List.of("the", "of"), Map.of()));
        Fixtures.write(mirror.resolve("jena_climate_2009_2016.csv.zip"), Fixtures.jenaZip(Fixtures.jenaCsv(6)));

        String imdb = runDescribe("imdb-reviews", "--local-file", reviews.toString(), "--cache-dir", home.toString());
        String glove = runDescribe("glove", "--local-file", mirror.resolve("glove.6B.zip").toString(),
                "--embedding-dim", "50", "--cache-dir", home.toString());
        String jena = runDescribe("jena-climate", "--mirror", mirror.toString(), "--cache-dir", home.toString());

        assertTrue(imdb.contains("train: 3 texts, labels {0: 2, 1: 1} (0 neg, 1 pos)"), imdb);
        assertTrue(imdb.contains("first test text (label 0): Meh."), imdb);
        assertTrue(glove.contains("Found 2 word vectors, of 50 dimensions."), glove);
        assertTrue(glove.contains("of: [0.002, -0.004, 0.006, "), glove);
        assertTrue(jena.contains("float_data: shape (6, 14), dtype float32; 01.01.2009 00:10:00 to 01.01.2009 01:00:00"),
                jena);
        assertTrue(jena.contains("first row: 01.01.2009 00:10:00 [996.52, -8.02, 265.4, -8.9, 93.3, 3.33, 3.11, 0.22, "
                + "1.94, 3.12, 1307.75, 1.03, 1.75, 152.3]"), jena);
    }

    @Test
    void describeRejectsUnknownDatasetsWithUsageStatus() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Commands.commandLine(new Describe()).setErr(new PrintWriter(err, true)).execute("cifar10");

        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown dataset 'cifar10'"), err.toString());
    }

    @Test
    void describeReportsACacheItCannotWriteInOneLine() throws Exception {
        Path notAFolder = Files.writeString(home.resolve("cache"), "a file where the cache should be");
        StringWriter err = new StringWriter();

        int status = Commands.execute(new Describe(), new PrintWriter(err, true), "boston-housing", "--cache-dir",
                notAFolder.toString(), "--mirror", mirror.toString());

        assertEquals(1, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(notAFolder.toString()), err.toString());
    }

    static String runDescribe(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Commands.commandLine(new Describe()).setErr(new PrintWriter(err, true)).execute(args), err::toString);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
