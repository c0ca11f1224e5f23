package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections 7.1.5 and 7.1.6: a layer and a model shared by two inputs have one set of weights. */
class SharedWeightsExamplesTest {

    @TempDir
    Path dir;

    @Test
    void theSentenceSimilarityModelHasOneLstm() {
        ExampleRun run = ExampleRun.of(new SharedLstm(), "--quick", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        // Keras: LSTM(32) on 128 features, 4 x (32 x (128 + 32) + 32), and Dense(1) on 64
        assertEquals(20_608 + 65, run.result("params"));
        assertTrue(run.output().contains("lstm_1 (LSTM)                (None, 32)                20,608     "
                + "lstm_1_inputs[0][0]"), run.output());
        assertTrue(Double.isFinite(run.result("loss")));
    }

    @Test
    void theTwoCamerasShareOneXceptionBase() {
        ExampleRun run = ExampleRun.of(new DualCameras(), "--quick", "--size", "71", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        assertEquals(20_861_480, run.result("base_params"), "Keras' Xception(include_top=False)");
        assertEquals(run.result("base_params"), run.result("model_params"));
        assertTrue(run.output().contains("merged_features: [1, 4096, 3, 3]"), run.output());
        assertTrue(run.result("feature_difference_same_picture") < 1e-3, run.output());
    }
}
