package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import dlwj.training.Metric;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Section 7.3.3 on a small, learnable imdb.npz in Keras' layout. */
class ModelEnsemblingTest {

    @TempDir
    Path dir;

    @Test
    void fourModelsAndTheirEnsemblesAreScoredOnTheTestReviews() throws Exception {
        Fixtures.imdb(dir, 700, 300, 5);
        ExampleRun run = ExampleRun.of(new ModelEnsembling(), "--quick", "--local-file",
                dir.resolve("imdb.npz").toString(), "--cache-dir", dir.toString(), "--out", dir.toString(),
                "--batch-size", "32", "--epochs", "4");

        assertEquals(0, run.status(), run.output());
        for (String model : List.of("a", "b", "c", "d", "average", "weighted")) {
            assertTrue(run.result("test_acc_" + model) > 0.75, model + ": 2 classes, chance is 0.5\n" + run.output());
        }
    }

    @Test
    void theEnsembleIsTheWeightedSumOfThePredictions() {
        List<INDArray> predictions = List.of(column(0.9f, 0.2f), column(0.1f, 0.4f), column(0.5f, 0.5f),
                column(0.3f, 0.8f));

        INDArray weighted = ModelEnsembling.weighted(predictions, ModelEnsembling.WEIGHTS);

        // 0.5 * 0.9 + 0.25 * 0.1 + 0.1 * 0.5 + 0.15 * 0.3 and the same for the second review
        assertEquals(0.57, weighted.getDouble(0), 1e-6);
        assertEquals(0.37, weighted.getDouble(1), 1e-6);
        assertEquals(0.5, Metric.ACCURACY.compute(weighted, column(1f, 1f)), 1e-9);
    }

    /** One review's prediction (or label) a row, as the trainer's {@code predict} gives them. */
    private static INDArray column(float... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }
}
