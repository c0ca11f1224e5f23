package dlwj.chapter04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataPreprocessingTest {

    @TempDir
    Path dir;

    @Test
    void normalisesWithTrainingStatisticsAndComparesMissingValueTraining() throws Exception {
        Fixtures.bostonHousing(dir.resolve("boston_housing.npz"), 506, 4);

        ExampleRun run = ExampleRun.of(new DataPreprocessing(), "--local-file",
                dir.resolve("boston_housing.npz").toString(), "--cache-dir", dir.toString(), "--epochs", "5", "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("[[0.0, 1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0, 1.0]]"), run.output());
        // numpy: mean(0), std(0) (ddof=0) and (test - mean) / std
        assertTrue(run.output().contains("training mean [6.5, 62.5, 367.75], standard deviation [1.118, 12.114, 200.015]"),
                run.output());
        assertTrue(run.output().contains("column means [0.0, 0.0, 0.0], standard deviations [1.0, 1.0, 1.0]"),
                run.output());
        assertTrue(run.output().contains("becomes [-0.447, 3.096, -0.339]"), run.output());
        assertTrue(run.output().contains("trained on complete data:   test MAE"), run.output());
        assertTrue(run.output().contains("trained with missing copies: test MAE"), run.output());
    }

    @Test
    void missingFeaturesAreZeroedAtTheGivenRateAndTheRestKept() {
        Nd4j.getRandom().setSeed(2);
        INDArray data = Nd4j.rand(DataType.DOUBLE, 400, 13).addi(1);
        INDArray missing = DataPreprocessing.withMissingFeatures(data, 0.2, new Random(1));

        double zeros = missing.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(0.2, zeros, 0.02);
        INDArray kept = missing.neq(0).castTo(DataType.DOUBLE);
        assertEquals(0, data.mul(kept).sub(missing).amaxNumber().doubleValue());
        assertTrue(data.eq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() == 0, "the input is not changed");
    }

    @Test
    void aBadFractionIsOneMessage() {
        assertEquals(2, ExampleRun.of(new DataPreprocessing(), "--missing", "1.5", "--out", dir.resolve("out").toString()).status());
    }
}
