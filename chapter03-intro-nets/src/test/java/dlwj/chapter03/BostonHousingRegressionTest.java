package dlwj.chapter03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.cli.ExampleRun;
import dlwj.training.cli.MeasuredResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example on a boston_housing.npz of the real size whose prices are a noisy linear function. */
class BostonHousingRegressionTest {

    @TempDir
    Path dir;

    @Test
    void kFoldScoresAndTheFinalModelBeatTheMeanBaseline() throws Exception {
        Fixtures.bostonHousing(dir.resolve("boston_housing.npz"), 506, 8);

        ExampleRun run = ExampleRun.of(new BostonHousingRegression(), "--local-file",
                dir.resolve("boston_housing.npz").toString(), "--cache-dir", dir.toString(),
                "--out", dir.resolve("out").toString(), "--kfold-epochs", "3", "--final-epochs", "20");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("train_data.shape = (404, 13), test_data.shape = (102, 13)"), run.output());
        assertEquals(4, run.output().lines().filter(l -> l.startsWith("processing fold #")).count(), run.output());
        double baseline = run.number("for every house: test MAE ");
        assertTrue(run.number(", mean ") < baseline, run.output());
        assertTrue(run.number("test_mae_score: ") < baseline / 2, run.output());
        assertTrue(Files.exists(dir.resolve("out/boston-validation-mae.png")));
        assertTrue(Files.exists(dir.resolve("out/boston-validation-mae-smoothed.png")));

        // what it measured, by name, for the reproduction's results table
        Map<String, List<Double>> results = MeasuredResults.read(dir.resolve("out/BostonHousingRegression-results.json"));
        assertEquals(List.of("all_scores", "mean_val_mae", "smoothed_val_mae_lowest_epoch", "test_mae_score"),
                List.copyOf(results.keySet()));
        int smoothedBest = (int) run.number("Smoothed validation MAE lowest at epoch ");
        assertEquals(smoothedBest, results.get("smoothed_val_mae_lowest_epoch").get(0));
        assertEquals(3, smoothedBest, "of 3 epochs the first 2 are left out (10 of the book's 500), leaving the 3rd");
        assertEquals(4, results.get("all_scores").size());
        assertEquals(run.number(", mean "), results.get("mean_val_mae").get(0), 0.005);
        assertEquals(run.number("test_mae_score: "), results.get("test_mae_score").get(0), 0.005);
    }
}
