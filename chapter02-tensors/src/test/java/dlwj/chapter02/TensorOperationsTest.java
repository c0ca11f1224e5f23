package dlwj.chapter02;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The naive functions against numpy's values and against ND4J's vectorised operations. */
class TensorOperationsTest {

    private static final INDArray X = Nd4j.createFromArray(new double[][] {{-1.5, 0, 2.25}, {3, -0.5, -4}});

    @Test
    void naiveFunctionsGiveNumpysValues() {
        // Expected values computed once with numpy 1.24
        assertArrayEquals(new double[][] {{0, 0, 2.25}, {3, 0, 0}}, TensorOperations.naiveRelu(X).toDoubleMatrix());
        assertArrayEquals(new double[][] {{8.5, 20, 32.25}, {13, 19.5, 26}},
                TensorOperations.naiveAddMatrixAndVector(X, Nd4j.createFromArray(10.0, 20.0, 30.0)).toDoubleMatrix());
        assertEquals(32.0, TensorOperations.naiveVectorDot(Nd4j.createFromArray(1.0, 2.0, 3.0),
                Nd4j.createFromArray(4.0, 5.0, 6.0)));
        assertArrayEquals(new double[] {-2, -2}, TensorOperations.naiveMatrixVectorDot(
                Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), Nd4j.createFromArray(1.0, 0.0, -1.0))
                .toDoubleVector());
        assertArrayEquals(new double[][] {{19, 22}, {43, 50}}, TensorOperations.naiveMatrixDot(
                Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}),
                Nd4j.createFromArray(new double[][] {{5, 6}, {7, 8}})).toDoubleMatrix());
    }

    @Test
    void naiveAndVectorisedAgreeOnRandomInputs() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 17, 23);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 17, 23);
        INDArray vector = Nd4j.randn(DataType.DOUBLE, 23);
        INDArray other = Nd4j.randn(DataType.DOUBLE, 23, 5);
        assertClose(Transforms.relu(x, true), TensorOperations.naiveRelu(x));
        assertClose(x.add(y), TensorOperations.naiveAdd(x, y));
        assertClose(x.add(vector), TensorOperations.naiveAddMatrixAndVector(x, vector));
        assertEquals(vector.mul(vector).sumNumber().doubleValue(), TensorOperations.naiveVectorDot(vector, vector),
                1e-12);
        assertClose(x.mmul(vector), TensorOperations.naiveMatrixVectorDot(x, vector));
        assertClose(x.mmul(other), TensorOperations.naiveMatrixDot(x, other));
    }

    @Test
    void naiveFunctionsRejectShapesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class,
                () -> TensorOperations.naiveMatrixDot(Nd4j.zeros(2, 3), Nd4j.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> TensorOperations.naiveVectorDot(Nd4j.zeros(3), Nd4j.zeros(4)));
        assertThrows(IllegalArgumentException.class,
                () -> TensorOperations.naiveAddMatrixAndVector(Nd4j.zeros(2, 3), Nd4j.zeros(2)));
    }

    @Test
    void exampleReportsAgreementBroadcastingAndReshapes() {
        ExampleRun run = ExampleRun.of(new TensorOperations(), "--repeats", "1");

        assertEquals(0, run.status(), run.output());
        assertEquals(6, run.output().lines().filter(l -> l.contains(": equal, largest difference")).count(),
                run.output());
        assertTrue(run.output().contains("(64, 3, 32, 10) and (32, 10): ndim=4 shape=(64, 3, 32, 10)"), run.output());
        assertTrue(run.output().contains("x.reshape((2, 3)) = [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]"), run.output());
        assertTrue(run.output().contains("np.transpose(np.zeros((300, 20))).shape = (20, 300)"), run.output());
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(Transforms.abs(expected.sub(actual)).maxNumber().doubleValue() < 1e-12);
    }
}
