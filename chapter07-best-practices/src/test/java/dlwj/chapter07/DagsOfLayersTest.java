package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import org.deeplearning4j.nn.graph.ComputationGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Section 7.1.4's graphs have the output shapes Keras computes for them, channels first here. */
class DagsOfLayersTest {

    @TempDir
    Path dir;

    private static long[] outputShape(ComputationGraph graph, long... input) {
        return graph.outputSingle(Nd4j.rand(DataType.FLOAT, input)).shape();
    }

    @Test
    void theInceptionModuleConcatenatesFourBranchesOfHalfTheSize() {
        // Keras: (None, 16, 16, 512), four branches of 128 channels, each strided by 2 once
        assertArrayEquals(new long[] {2, 512, 16, 16}, outputShape(DagsOfLayers.inception(), 2, 64, 32, 32));
    }

    @Test
    void residualConnectionsAddTheInputOrItsProjection() {
        assertArrayEquals(new long[] {2, 128, 32, 32}, outputShape(DagsOfLayers.identityResidual(), 2, 128, 32, 32));
        assertArrayEquals(new long[] {2, 128, 16, 16}, outputShape(DagsOfLayers.projectedResidual(), 2, 64, 32, 32));
    }

    @Test
    void theSummariesSayWhatEachLayerIsConnectedTo() {
        ExampleRun run = ExampleRun.of(new DagsOfLayers(), "--quick", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        assertTrue(run.output().contains("output (Concatenate)         (None, 16, 16, 512)       0          "
                + "branch_a[0][0], branch_b[0][0], branch_c[0][0], branch_d[0][0]"), run.output());
        assertTrue(run.output().contains("branch_c_1 (AveragePooling2D)(None, 16, 16, 64)        0          x[0][0]"),
                run.output());
        assertTrue(run.output().contains("y (Add)                      (None, 16, 16, 128)       0          "
                + "pool[0][0], residual[0][0]"), run.output());
    }
}
