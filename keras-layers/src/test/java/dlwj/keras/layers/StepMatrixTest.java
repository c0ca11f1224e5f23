package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** StepMatrix multiplies as ND4J does, in Java for small products and through gemm for large ones. */
class StepMatrixTest {

    @Test
    void javaAndNativeProductsAreNd4jsProduct() {
        Nd4j.getRandom().setSeed(2);
        // 130 rows, not a multiple of four: the Java loop's last rows are summed one at a time
        INDArray kernel = Nd4j.rand(DataType.DOUBLE, 130, 128).subi(0.5);
        INDArray a = Nd4j.rand(DataType.DOUBLE, 128, 130).subi(0.5);
        StepMatrix matrix = StepMatrix.of(kernel);
        assertFalse(matrix.inJava(128), "the whole product goes native");
        assertTrue(matrix.inJava(2), "two rows at a time stay in Java");
        double[] operand = a.data().asDouble();
        double[] expected = a.mmul(kernel).dup('c').data().asDouble();

        double[] nativeProduct = new double[128 * 128];
        matrix.multiply(operand, 0, 128, nativeProduct);
        assertArrayEquals(expected, nativeProduct, 1e-12);

        double[] javaProduct = new double[128 * 128];
        for (int i = 0; i < 128; i += 2) {
            matrix.multiply(operand, i, i + 2, javaProduct);
        }
        assertArrayEquals(expected, javaProduct, 1e-12);

        double[] transposed = new double[128 * 130];
        matrix.transposed().multiply(nativeProduct, 0, 128, transposed);
        assertArrayEquals(Nd4j.createFromArray(nativeProduct).reshape(128, 128).mmul(kernel.transpose()).dup('c')
                .data().asDouble(), transposed, 1e-10);
    }

    @Test
    void aPartOfTheRowsLeavesTheOtherRowsAlone() {
        StepMatrix matrix = StepMatrix.of(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}));
        double[] out = {-1, -1, -1, -1, -1, -1};
        matrix.multiply(new double[] {9, 9, 1, 1, 9, 9}, 1, 2, out);
        assertArrayEquals(new double[] {-1, -1, 4, 6, -1, -1}, out);
        matrix.multiply(new double[] {9, 9, 9, 9, 2, 0}, 2, 3, out);
        assertEquals(Arrays.toString(new double[] {-1, -1, 4, 6, 2, 4}), Arrays.toString(out));
    }
}
