package dlwj.chapter04;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.datasets.Fixtures;
import dlwj.training.ExampleRun;
import java.nio.file.Path;
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
                "--repeats", "2");

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().matches("(?s).*Hold-out validation: validation MAE \\[\\d+\\.\\d\\d] \\(one model\\).*"),
                run.output());
        assertTrue(run.output().contains("(standard deviation"), run.output());
        assertTrue(run.output().matches("(?s).*4-fold validation: validation MAE \\[[^]]*]; mean .* over 4 models.*"),
                run.output());
        assertTrue(run.output().contains("Iterated 4-fold validation, 2 shuffles"), run.output());
        assertTrue(run.output().contains("over 8 models"), run.output());
    }
}
