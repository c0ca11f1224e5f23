package dlwj.training.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** StepMatrix multiplies as ND4J does, in Java for small products and through gemm for large ones. */
class StepMatrixTest {

    @Test
    void javaAndNativeProductsAreNd4jsProduct() {
        Nd4j.getRandom().setSeed(2);
        INDArray kernel = Nd4j.rand(DataType.DOUBLE, 32, 128).subi(0.5);
        INDArray a = Nd4j.rand(DataType.DOUBLE, 128, 32).subi(0.5);
        StepMatrix matrix = StepMatrix.of(kernel);
        assertTrue(128L * 32 * 128 > StepMatrix.MAX_JAVA_WORK, "the whole product goes native");
        assertTrue(2L * 32 * 128 <= StepMatrix.MAX_JAVA_WORK, "two rows at a time stay in Java");

        double[] nativeProduct = new double[128 * 128];
        matrix.multiply(a.data().asDouble(), 128, nativeProduct);
        double[] javaProduct = new double[128 * 128];
        double[] rows = new double[2 * 128];
        for (int i = 0; i < 128; i += 2) {
            matrix.multiply(a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 2)).dup('c').data().asDouble(),
                    2, rows);
            System.arraycopy(rows, 0, javaProduct, i * 128, rows.length);
        }
        double[] expected = a.mmul(kernel).dup('c').data().asDouble();

        assertArrayEquals(expected, nativeProduct, 1e-12);
        assertArrayEquals(expected, javaProduct, 1e-12);
        double[] transposed = new double[128 * 32];
        matrix.transposed().multiply(nativeProduct, 128, transposed);
        assertArrayEquals(Nd4j.createFromArray(nativeProduct).reshape(128, 128).mmul(kernel.transpose()).dup('c')
                .data().asDouble(), transposed, 1e-10);
    }
}
