package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The Java bias, activation and their gradients give what ND4J's operations give, for either order of epsilon. */
class DenseElementWiseTest {

    @ParameterizedTest
    @CsvSource({"true, c", "true, f", "false, c", "false, f"})
    void matchesNd4jsOperations(boolean relu, char epsilonOrder) {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.FLOAT, 37, 21).subi(0.5);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 21).subi(0.5);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 37, 21).subi(0.5).dup(epsilonOrder);
        INDArray preActivation = z.addRowVector(bias);
        INDArray expectedOutput = relu ? Transforms.relu(preActivation, true) : preActivation;
        INDArray expectedDelta = relu ? epsilon.mul(expectedOutput.gt(0).castTo(DataType.FLOAT)) : epsilon;
        DenseElementWise elementWise = new DenseElementWise(relu);

        elementWise.forward(z, bias, true);
        INDArray biasGradient = Nd4j.create(DataType.FLOAT, 1, 21);
        INDArray delta = elementWise.backward(epsilon, biasGradient, LayerWorkspaceMgr.noWorkspaces());

        assertEquals(expectedOutput, z, "in place");
        assertEquals(0, expectedDelta.distance2(delta), 1e-6);
        assertEquals(0, expectedDelta.sum(true, 0).distance2(biasGradient), 1e-5);
        if (!relu) {
            assertSame(epsilon, delta, "the identity's gradient is epsilon itself");
        }
    }
}
