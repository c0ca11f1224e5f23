package dlwj.keras.layers;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A recurrent kernel (or a block of it) for the products the recurrent layers make at every step,
 * [batch, units] x [units, gates x units], on row-major arrays of doubles. Up to {@link #MAX_JAVA_WORK}
 * multiply-adds a product is a plain Java loop, cheaper than a native gemm call at the book's sizes; larger
 * products go to ND4J's gemm through row-major native copies. The loop sums each output row four kernel rows
 * at a time into an array of its own, which the JIT vectorises: an LSTM(32)'s [128, 32] x [32, 128] step takes
 * a third to two thirds of a native gemm call's time.
 */
final class StepMatrix {

    /**
     * The most multiply-adds a product computes in Java: 2^20, an LSTM(32)'s step for 256 examples (half of a
     * validation batch of 512: 256 x 32 x 128).
     */
    static final long MAX_JAVA_WORK = 1L << 20;

    /** The matrix's values, a Java array per row. */
    private final double[][] matrixRows;
    private final int rows;
    private final int columns;
    private final DataType nativeType;
    private INDArray nativeMatrix;
    private INDArray operand;
    private INDArray product;
    /** The operand's and product's memory, made once: reaching an array's buffer costs a lookup in JavaCPP. */
    private ArrayMemory operandMemory;
    private ArrayMemory productMemory;

    private StepMatrix(double[][] matrixRows, DataType nativeType) {
        this.matrixRows = matrixRows;
        this.rows = matrixRows.length;
        this.columns = matrixRows[0].length;
        this.nativeType = nativeType;
    }

    /** The matrix's values, whatever its order; products in native code keep its type. */
    static StepMatrix of(INDArray matrix) {
        double[] values = matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int columns = Math.toIntExact(matrix.columns());
        double[][] matrixRows = new double[Math.toIntExact(matrix.rows())][];
        for (int k = 0; k < matrixRows.length; k++) {
            matrixRows[k] = Arrays.copyOfRange(values, k * columns, (k + 1) * columns);
        }
        return new StepMatrix(matrixRows, matrix.dataType());
    }

    StepMatrix transposed() {
        double[][] transposed = new double[columns][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                transposed[c][r] = matrixRows[r][c];
            }
        }
        return new StepMatrix(transposed, nativeType);
    }

    /** Whether a product with {@code n} rows is computed in Java, and so can be computed by parts in parallel. */
    boolean inJava(int n) {
        return (long) n * rows * columns <= MAX_JAVA_WORK;
    }

    /**
     * Rows {@code from} to {@code to} of {@code out = a · this}: {@code a} is [n, rows] row-major, {@code out}
     * [n, columns]. Products of Java's size ({@link #inJava}) may be computed by parts on several threads at once;
     * a larger one is one call on one thread.
     */
    void multiply(double[] a, int from, int to, double[] out) {
        if (inJava(to - from)) {
            multiplyInJava(a, from, to, out);
        } else {
            multiplyNatively(a, from, to, out);
        }
    }

    /**
     * Each output row is summed in a row of its own, four of the matrix's rows at a time: the JIT vectorises that
     * inner loop, which it did not for one row at a time summed in place (the LSTM's [128, 32] x [32, 128]: 51 µs
     * against 145 µs).
     */
    private void multiplyInJava(double[] a, int from, int to, double[] out) {
        double[] sum = new double[columns];
        int fours = rows - rows % 4;
        for (int i = from; i < to; i++) {
            int aRow = i * rows;
            Arrays.fill(sum, 0);
            for (int k = 0; k < fours; k += 4) {
                double a0 = a[aRow + k];
                double a1 = a[aRow + k + 1];
                double a2 = a[aRow + k + 2];
                double a3 = a[aRow + k + 3];
                double[] m0 = matrixRows[k];
                double[] m1 = matrixRows[k + 1];
                double[] m2 = matrixRows[k + 2];
                double[] m3 = matrixRows[k + 3];
                for (int j = 0; j < columns; j++) {
                    sum[j] += a0 * m0[j] + a1 * m1[j] + a2 * m2[j] + a3 * m3[j];
                }
            }
            for (int k = fours; k < rows; k++) {
                double ak = a[aRow + k];
                double[] mk = matrixRows[k];
                for (int j = 0; j < columns; j++) {
                    sum[j] += ak * mk[j];
                }
            }
            System.arraycopy(sum, 0, out, i * columns, columns);
        }
    }

    private void multiplyNatively(double[] a, int from, int to, double[] out) {
        int n = to - from;
        if (operand == null || operand.rows() != n) {
            nativeMatrix = Nd4j.createFromArray(matrixRows).castTo(nativeType).dup('c');
            operand = Nd4j.createUninitialized(nativeType, new long[] {n, rows}, 'c');
            product = Nd4j.createUninitialized(nativeType, new long[] {n, columns}, 'c');
            operandMemory = ArrayMemory.of(operand);
            productMemory = ArrayMemory.of(product);
        }
        operandMemory.write(a, from * rows, 0, n * rows);
        Nd4j.gemm(operand, nativeMatrix, product, false, false, 1.0, 0.0);
        productMemory.read(0, out, from * columns, n * columns);
    }
}
