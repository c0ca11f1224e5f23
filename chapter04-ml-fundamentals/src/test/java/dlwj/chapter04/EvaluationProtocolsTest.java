package dlwj.chapter04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.datasets.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationProtocolsTest {

    @TempDir
    Path dir;

    @Test
    void scoresEveryProtocolWithOneModelPerSplit() throws Exception {
        Fixtures.bostonHousing(dir.resolve("boston_housing.npz"), 506, 3);

        ExampleRun run = ExampleRun.of(new EvaluationProtocols(), "--local-file",
                dir.resolve("boston_housing.npz").toString(), "--cache-dir", dir.toString(), "--epochs", "4",
                "--repeats", "2", "--out", dir.resolve("out").toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().matches("(?s).*Hold-out validation: validation MAE \\[\\d+\\.\\d\\d] \\(one model\\).*"),
                run.output());
        assertTrue(run.output().contains("(standard deviation"), run.output());
        assertTrue(run.output().matches("(?s).*4-fold validation: validation MAE \\[[^]]*]; mean .* over 4 models.*"),
                run.output());
        assertTrue(run.output().contains("Iterated 4-fold validation, 2 shuffles"), run.output());
        assertTrue(run.output().contains("over 8 models"), run.output());

        // then, as listings 4.1 and 4.2 end: one model on all 404 non-test samples, scored on the 102 test samples
        assertTrue(run.output().contains(String.format("Final model, trained on all 404 non-test samples: test MAE on the "
                + "102 test samples %.2f%n", run.result("test_mae_score"))), run.output());
        assertEquals(List.of("hold_out_mae", "kfold_mae", "iterated_kfold_mae", "test_mae_score"),
                List.copyOf(run.results().keySet()));
    }
}
