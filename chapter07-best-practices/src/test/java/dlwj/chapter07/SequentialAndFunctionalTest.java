package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import dlwj.training.LayerChoice;
import dlwj.training.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Section 7.1.1: a Sequential model and its functional twin are the same model. */
class SequentialAndFunctionalTest {

    @TempDir
    Path dir;

    @Test
    void bothModelsHaveTheSameParametersAndTheFunctionalOneTrains() {
        ExampleRun run = ExampleRun.of(new SequentialAndFunctional(), "--quick", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        assertEquals(List.of(3466.0), run.results("sequential_params"));
        assertEquals(List.of(3466.0), run.results("functional_params"));
        assertTrue(run.output().contains("input_1 (InputLayer)         (None, 64)                0"), run.output());
        // on targets uniform in [0, 1), ten of them a sample: their sum (about 5) times the cross-entropy of a
        // near-uniform prediction, log(10), less what training learns of the targets' proportions
        double score = run.result("score");
        assertTrue(score > 9 && score < 5 * Math.log(10) + 0.5, "score " + score);
    }

    @Test
    void givenTheSameWeightsTheTwoComputeTheSame() {
        MultiLayerNetwork sequential = SequentialAndFunctional.sequential(LayerChoice.KERAS, 1);
        ComputationGraph functional = SequentialAndFunctional.functional(LayerChoice.KERAS, 2);
        functional.setParams(sequential.params());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 20, 64);
        INDArray y = Nd4j.rand(DataType.FLOAT, 20, 10);

        assertEquals(sequential.output(x), functional.outputSingle(x));
        assertEquals(new Trainer(sequential).quiet().seed(4).fit(x, y, 2, 8).asMap(),
                new Trainer(functional).quiet().seed(4).fit(x, y, 2, 8).asMap());
    }
}
