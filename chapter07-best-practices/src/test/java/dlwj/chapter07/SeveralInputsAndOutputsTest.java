package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections 7.1.2 and 7.1.3: a model of two inputs and one of three outputs, trained by the trainer. */
class SeveralInputsAndOutputsTest {

    @TempDir
    Path dir;

    @Test
    void theQuestionAnsweringModelHasKerasParametersAndLearnsItsAnswers() {
        ExampleRun run = ExampleRun.of(new QuestionAnswering(), "--quick", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("text (InputLayer)            (None, None)              0"), run.output());
        assertTrue(run.output().contains(
                "concatenate_1 (Concatenate)  (None, 48)                0          lstm_1[0][0], lstm_2[0][0]"),
                run.output());
        assertTrue(run.output().contains("Total params: 1,000,052"), run.output());
        // four epochs on 100 samples: below the loss of a uniform guess over 500 answers, and most answers learnt
        assertTrue(run.result("loss") < Math.log(500), run.output());
        assertTrue(run.result("acc") > 0.5, run.output());
    }

    @Test
    void theQuestionAnsweringModelRunsOnDl4jsOwnLayers() {
        ExampleRun run = ExampleRun.of(new QuestionAnswering(), "--quick", "--epochs", "1", "--layers", "dl4j",
                "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("Total params: 1,000,052"), run.output());
    }

    @Test
    void thePostsModelReportsEachOutputAndWeighsTheLossesAsTheBook() {
        ExampleRun run = ExampleRun.of(new SocialMediaPosts(), "--quick", "--epochs", "1", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("Total params: 14,146,316"), run.output());
        assertTrue(run.output().contains("gender (Dense)               (None, 1)                 129        dense_1[0][0]"),
                run.output());
        double weighted = 0.25 * run.result("age_loss") + run.result("income_loss") + 10 * run.result("gender_loss");
        assertEquals(weighted, run.result("loss"), 1e-4 * weighted);
        for (String metric : List.of("income_acc", "gender_acc")) {
            assertTrue(run.result(metric) >= 0 && run.result(metric) <= 1, metric);
        }
    }
}
