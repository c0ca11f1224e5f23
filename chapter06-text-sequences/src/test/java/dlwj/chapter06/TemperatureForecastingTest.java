package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.Fixtures;
import dlwj.datasets.JenaClimate;
import dlwj.training.LayerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Listings 6.28-6.43 on a generated jena_climate_2009_2016.csv.zip in the real file's format: 3,000 rows whose
 * temperature follows a daily cycle (144 rows) with noise, the other measurements slower cycles of their own;
 * windows of 20 hourly steps forecast 12 rows (2 hours) ahead.
 */
class TemperatureForecastingTest {

    @TempDir
    Path dir;

    private Path zip;

    @BeforeEach
    void writeSeries() throws Exception {
        Random random = new Random(5);
        StringJoiner csv = new StringJoiner("\n");
        csv.add(String.join(",", JenaClimate.HEADER.stream().map(name -> "\"" + name + "\"").toList()));
        LocalDateTime time = LocalDateTime.of(2009, 1, 1, 0, 10);
        for (int row = 0; row < 3000; row++) {
            StringBuilder line = new StringBuilder(time.plusMinutes(10L * row)
                    .format(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss")));
            for (int column = 0; column < 14; column++) {
                double value = column == 1 ? 10 * Math.sin(2 * Math.PI * row / 144) + 0.3 * random.nextGaussian()
                        : 100 + column + Math.sin(row / (40.0 + column));
                line.append(String.format(Locale.ROOT, ",%.2f", value));
            }
            csv.add(line);
        }
        zip = Fixtures.write(dir.resolve("jena_climate_2009_2016.csv.zip"), Fixtures.jenaZip(csv.toString()));
    }

    /** The example with {@code model}, the options given, and the test's windows for those not given. */
    private ExampleRun run(String model, String... given) {
        List<String> args = new ArrayList<>(List.of("--model", model, "--local-file", zip.toString(), "--cache-dir",
                dir.resolve("cache").toString(), "--out", dir.resolve("out").toString()));
        args.addAll(List.of(given));
        String[] windows = {"--lookback", "120", "--step", "6", "--delay", "12", "--train-end", "1500",
            "--validation-end", "2300", "--steps-per-epoch", "20", "--batch-size", "32"};
        for (int i = 0; i < windows.length; i += 2) {
            if (!args.contains(windows[i])) {
                args.addAll(List.of(windows[i], windows[i + 1]));
            }
        }
        return ExampleRun.of(new TemperatureForecasting(), args.toArray(String[]::new));
    }

    @Test
    void naiveBaselineAndTheTemperaturePlots() {
        ExampleRun run = run("naive");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("[Date Time, p (mbar), T (degC), "), run.output());
        assertTrue(run.output().contains("\n3000\n"), run.output());
        // the temperature 12 rows on moves by up to 10 sin(2 pi 12 / 144) = 5 degC: about 0.5 of a deviation
        double naive = run.result("naive_val_mae");
        assertTrue(naive > 0.3 && naive < 0.8, run.output());
        assertTrue(Files.exists(dir.resolve("out/jena-temperature.png")));
        assertTrue(Files.exists(dir.resolve("out/jena-temperature-10-days.png")));
    }

    @Test
    void theDenseModelBeatsTheNaiveMethod() {
        ExampleRun run = run("dense", "--epochs", "8");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("flatten_1 (Flatten)          (None, 280)               0"), run.output());
        assertTrue(run.result("best_val_mae") < run.result("naive_val_mae"), run.output());
        assertTrue(Files.exists(dir.resolve("out/jena-dense-loss.png")));
    }

    @Test
    void recurrentModelsTrainOnTheWindows() {
        double naive = run("naive").result("naive_val_mae");
        for (String model : List.of("gru", "gru-dropout", "stacked-gru", "reversed-gru", "bidirectional-gru")) {
            ExampleRun run = run(model, "--epochs", "2", "--steps-per-epoch", "5");

            assertEquals(0, run.status(), model + "\n" + run.output());
            assertEquals(2, run.output().lines().filter(line -> line.contains("val_loss")).count(), run.output());
            assertTrue(run.result("best_val_mae") < 1.5, model + "\n" + run.output());
            assertEquals(naive, run.result("naive_val_mae"), model + ": the baseline reads the windows in time order");
        }
    }

    @Test
    void convolutionalModelsTrainOnTheWindows() {
        // conv1d: 90 steps -> 86 -> 28 -> 24 -> 8 -> 4; conv1d-gru: 120 steps of one row in 3 -> 116 -> 38 -> 34
        ExampleRun conv1d = run("conv1d", "--lookback", "540", "--epochs", "2", "--steps-per-epoch", "5");
        ExampleRun conv1dGru = run("conv1d-gru", "--lookback", "360", "--step", "3", "--epochs", "2",
                "--steps-per-epoch", "5");

        assertEquals(0, conv1d.status(), conv1d.output());
        assertTrue(conv1d.output().contains("global_max_pooling1d_1 (GlobalMaxPooling1D)(None, 32)"), conv1d.output());
        assertTrue(conv1d.result("best_val_mae") < 1.5, conv1d.output());
        assertEquals(0, conv1dGru.status(), conv1dGru.output());
        assertTrue(conv1dGru.output().contains("gru_1 (GRU)                  (None, 32)                6,240"),
                conv1dGru.output());
        assertTrue(conv1dGru.result("best_val_mae") < 1.5, conv1dGru.output());
    }

    @Test
    void badOptionsAreOneMessageBeforeAnyWork() {
        assertEquals(2, run("lstm").status());
        assertEquals(2, run("gru", "--lookback", "5000").status());
        assertEquals(2, run("conv1d").status(), "20 steps are too few for three convolutions");
        assertEquals(2, run("gru", "--layers", "dl4j").status(), "DL4J has no GRU");
        assertEquals(2, run("dense", "--layers", "dl4j").status(), "nor a Flatten after a sequence");
    }

    @Test
    void theConvolutionalModelIsTheSameWithDl4jsLayers() {
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 14, 120);
        INDArray y = Nd4j.randn(DataType.FLOAT, 3, 1);

        StockLayers.assertSameModel(TemperatureForecasting.model("conv1d", LayerChoice.KERAS, 1, 14, 120),
                TemperatureForecasting.model("conv1d", LayerChoice.DL4J, 1, 14, 120), x, y);
    }
}
