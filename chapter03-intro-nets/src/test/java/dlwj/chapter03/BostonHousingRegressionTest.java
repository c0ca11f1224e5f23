package dlwj.chapter03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.cli.StockLayers;
import dlwj.datasets.BostonHousing;
import dlwj.datasets.Fixtures;
import dlwj.datasets.RegressionData;
import dlwj.datasets.files.DataSource;
import dlwj.training.LayerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        double baseline = meanPriceBaseline();
        assertTrue(run.result("mean_val_mae") < baseline, run.output());
        assertTrue(run.result("test_mae_score") < baseline / 2, run.output());
        assertTrue(Files.exists(dir.resolve("out/boston-validation-mae.png")));
        assertTrue(Files.exists(dir.resolve("out/boston-validation-mae-smoothed.png")));

        // what it measured, by name, for the reproduction's results table; printed as the example formats it
        assertEquals(List.of("all_scores", "mean_val_mae", "smoothed_val_mae_lowest_epoch", "test_mae_score"),
                List.copyOf(run.results().keySet()));
        assertEquals(4, run.results("all_scores").size());
        assertEquals(3, run.result("smoothed_val_mae_lowest_epoch"),
                "of 3 epochs the first 2 are left out (10 of the book's 500), leaving the 3rd");
        assertPrinted(run, "Smoothed validation MAE lowest at epoch 3 ");
        assertPrinted(run, String.format(", mean %.2f", run.result("mean_val_mae")));
        assertPrinted(run, String.format("test_mae_score: %.2f", run.result("test_mae_score")));
        assertPrinted(run, String.format("for every house: test MAE %.2f", baseline));
    }

    /** The test MAE of predicting the training mean for every house, computed here from the same split. */
    private double meanPriceBaseline() {
        RegressionData data = BostonHousing.loadData(0.2, 113, DataSource.fromEnvironment().withHome(dir)
                .withLocalFile("boston_housing.npz", dir.resolve("boston_housing.npz")));
        return data.testTargets().sub(data.trainTargets().meanNumber()).norm1Number().doubleValue()
                / data.testTargets().length();
    }

    private static void assertPrinted(ExampleRun run, String expected) {
        assertTrue(run.output().contains(expected), "expected '" + expected + "' in:\n" + run.output());
    }

    @Test
    void theModelIsTheSameWithDl4jsLayers() {
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 13);
        INDArray y = Nd4j.rand(DataType.FLOAT, 8, 1).muli(50);

        StockLayers.assertSameModel(BostonHousingModel.build(LayerChoice.KERAS, 1),
                BostonHousingModel.build(LayerChoice.DL4J, 1), x, y);
    }
}
