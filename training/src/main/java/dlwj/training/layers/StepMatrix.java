package dlwj.training.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A recurrent kernel (or a block of it) for the products the recurrent layers make at every step,
 * [batch, units] x [units, gates x units], on row-major arrays of doubles. Up to {@link #MAX_JAVA_WORK}
 * multiply-adds a product is a plain Java loop, cheaper than a native gemm call for small products (libnd4j:
 * about 47 µs for [128, 32] x [32, 128] on row-major arrays); larger products go to ND4J's gemm through
 * row-major native copies. In quiet sittings of the benchmark (3 rounds each), the GRU's [128, 32] x [32, 64]
 * steps in Java took jena-gru from 2.15 s to 1.74 s an epoch, while the LSTM's [128, 32] x [32, 128] ones were
 * slower in Java (imdb-lstm 4.67 s with gemm, 5.12 s in Java).
 */
final class StepMatrix {

    /** The most multiply-adds a product computes in Java: the GRU's steps at batch 128 (2^18). */
    static final long MAX_JAVA_WORK = 1L << 18;

    private final double[] values;
    private final int rows;
    private final int columns;
    private final DataType nativeType;
    private INDArray nativeMatrix;
    private INDArray operand;
    private INDArray product;
    /** The operand's and product's memory, made once: reaching an array's buffer costs a lookup in JavaCPP. */
    private ArrayMemory operandMemory;
    private ArrayMemory productMemory;

    private StepMatrix(double[] values, int rows, int columns, DataType nativeType) {
        this.values = values;
        this.rows = rows;
        this.columns = columns;
        this.nativeType = nativeType;
    }

    /** The matrix's values, whatever its order; products in native code keep its type. */
    static StepMatrix of(INDArray matrix) {
        return new StepMatrix(matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                Math.toIntExact(matrix.rows()), Math.toIntExact(matrix.columns()), matrix.dataType());
    }

    StepMatrix transposed() {
        double[] transposed = new double[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                transposed[c * rows + r] = values[r * columns + c];
            }
        }
        return new StepMatrix(transposed, columns, rows, nativeType);
    }

    /** {@code out = a · this}: {@code a} is [n, rows] row-major, {@code out} [n, columns]. */
    void multiply(double[] a, int n, double[] out) {
        if ((long) n * rows * columns > MAX_JAVA_WORK) {
            multiplyNatively(a, n, out);
            return;
        }
        Arrays.fill(out, 0, n * columns, 0);
        for (int i = 0; i < n; i++) {
            int outRow = i * columns;
            int aRow = i * rows;
            for (int k = 0; k < rows; k++) {
                double factor = a[aRow + k];
                int row = k * columns;
                for (int j = 0; j < columns; j++) {
                    out[outRow + j] += factor * values[row + j];
                }
            }
        }
    }

    private void multiplyNatively(double[] a, int n, double[] out) {
        if (operand == null || operand.rows() != n) {
            nativeMatrix = Nd4j.createFromArray(values).reshape('c', rows, columns).castTo(nativeType).dup('c');
            operand = Nd4j.createUninitialized(nativeType, new long[] {n, rows}, 'c');
            product = Nd4j.createUninitialized(nativeType, new long[] {n, columns}, 'c');
            operandMemory = ArrayMemory.of(operand);
            productMemory = ArrayMemory.of(product);
        }
        operandMemory.write(a, 0, n * rows);
        Nd4j.gemm(operand, nativeMatrix, product, false, false, 1.0, 0.0);
        productMemory.read(0, out, n * columns);
    }
}
