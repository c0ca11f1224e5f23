package dlwj.keras.layers;

import java.nio.FloatBuffer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer's arithmetic in plain Java over the float buffers of ND4J's arrays, for small work. With one
 * sample per step (Boston housing) each ND4J operation costs 10-20 µs of fixed Java-side work (the op object,
 * shape checks, the JavaCPP call, and for a 1-row product two operand copies), far more than its arithmetic;
 * these loops do a 64 x 64 layer's forward or backward pass in a few µs. Above {@link #MAX_WORK}
 * multiply-adds (batch x inputs x outputs) ND4J's gemm is faster, and the layers use it.
 */
final class SmallDense {

    /**
     * The most multiply-adds (batch x inputs x outputs) done here rather than by ND4J. On 2 cores, with two
     * 64-wide Dense layers and Output, Java is faster up to batch 32 (2^17 per hidden layer) and ND4J from batch
     * 64 (2^18); the threshold leaves a margin below the crossover.
     */
    static final long MAX_WORK = 1L << 16;

    private static final IActivation RELU = new ActivationReLU();

    private SmallDense() {
    }

    /** Whether {@code activation} is one these loops compute: identity or plain ReLU. */
    static boolean supports(IActivation activation) {
        return activation instanceof ActivationIdentity || RELU.equals(activation);
    }

    /** Whether the arrays are float matrices (or vectors, as DL4J's biases are: one row) that Java can index. */
    static boolean floatMatrices(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array == null || array.dataType() != DataType.FLOAT || array.rank() < 1 || array.rank() > 2 || array.isEmpty()
                    || array.data().length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a dense layer's step over these arrays can leave DL4J's operations: float 2-d input, weights and
     * bias that fit together, no mask or layer normalisation ({@code maskedOrNormalised}) and none of what DL4J's
     * forward pass adds from the layer's configuration (dropout, weight noise).
     */
    static boolean plainStep(INDArray input, INDArray weights, INDArray bias, boolean maskedOrNormalised,
                             org.deeplearning4j.nn.conf.layers.BaseLayer conf) {
        return input != null && bias != null && !maskedOrNormalised
                && conf.getIDropout() == null && conf.getWeightNoise() == null
                && floatMatrices(input, weights, bias) && input.rank() == 2 && input.size(1) == weights.size(0);
    }

    /** Whether a plain step's products are small enough for these loops: batch x inputs x outputs. */
    static boolean small(INDArray input, INDArray weights) {
        return input.size(0) * weights.size(0) * weights.size(1) <= MAX_WORK;
    }

    /** The matrix's elements in row-major order (row r, column c at {@code r * columns + c}); a vector is one row. */
    static float[] read(INDArray matrix) {
        boolean vector = matrix.rank() == 1;
        int rows = vector ? 1 : (int) matrix.size(0);
        int columns = (int) matrix.size(vector ? 0 : 1);
        float[] values = new float[rows * columns];
        FloatBuffer buffer = ArrayMemory.floats(matrix);
        int offset = (int) matrix.offset();
        int rowStride = vector ? columns : (int) matrix.stride(0);
        int columnStride = (int) matrix.stride(vector ? 0 : 1);
        if (columnStride == 1 && (rowStride == columns || rows == 1)) {
            buffer.get(offset, values, 0, values.length);
            return values;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = buffer.get(offset + r * rowStride + c * columnStride);
            }
        }
        return values;
    }

    /** Writes row-major {@code values} into {@code matrix}, whatever its order and strides. */
    static void write(float[] values, INDArray matrix) {
        boolean vector = matrix.rank() == 1;
        int rows = vector ? 1 : (int) matrix.size(0);
        int columns = (int) matrix.size(vector ? 0 : 1);
        FloatBuffer buffer = ArrayMemory.floats(matrix);
        int offset = (int) matrix.offset();
        int rowStride = vector ? columns : (int) matrix.stride(0);
        int columnStride = (int) matrix.stride(vector ? 0 : 1);
        if (columnStride == 1 && (rowStride == columns || rows == 1)) {
            buffer.put(offset, values, 0, rows * columns);
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                buffer.put(offset + r * rowStride + c * columnStride, values[r * columns + c]);
            }
        }
    }

    /** {@code z = x · w + b}: x is batch x inputs, w inputs x outputs, b 1 x outputs, all row-major. */
    static float[] preActivation(float[] x, float[] w, float[] b, int batch, int inputs, int outputs) {
        float[] z = new float[batch * outputs];
        for (int r = 0; r < batch; r++) {
            int row = r * outputs;
            System.arraycopy(b, 0, z, row, outputs);
            for (int i = 0; i < inputs; i++) {
                float xi = x[r * inputs + i];
                int wRow = i * outputs;
                for (int j = 0; j < outputs; j++) {
                    z[row + j] += xi * w[wRow + j];
                }
            }
        }
        return z;
    }

    /** The activation of {@code z} (identity or ReLU), as a new array. */
    static float[] activate(IActivation activation, float[] z) {
        float[] a = z.clone();
        if (!(activation instanceof ActivationIdentity)) {
            for (int k = 0; k < a.length; k++) {
                a[k] = Math.max(a[k], 0f);
            }
        }
        return a;
    }

    /** The gradient at the pre-activation: {@code epsilon} times the activation's derivative at {@code z}. */
    static float[] delta(IActivation activation, float[] z, float[] epsilon) {
        float[] delta = epsilon.clone();
        if (!(activation instanceof ActivationIdentity)) {
            for (int k = 0; k < delta.length; k++) {
                delta[k] = z[k] > 0 ? delta[k] : 0f;
            }
        }
        return delta;
    }

    /** The bias gradient, the sum of {@code delta} (batch x outputs) over the batch. */
    static float[] biasGradient(float[] delta, int batch, int outputs) {
        float[] gradient = new float[outputs];
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < outputs; j++) {
                gradient[j] += delta[r * outputs + j];
            }
        }
        return gradient;
    }

    /** The weight gradient {@code xᵀ · delta}, inputs x outputs, row-major. */
    static float[] weightGradient(float[] x, float[] delta, int batch, int inputs, int outputs) {
        float[] gradient = new float[inputs * outputs];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < inputs; i++) {
                float xi = x[r * inputs + i];
                int row = i * outputs;
                int deltaRow = r * outputs;
                for (int j = 0; j < outputs; j++) {
                    gradient[row + j] += xi * delta[deltaRow + j];
                }
            }
        }
        return gradient;
    }

    /** The input gradient {@code delta · wᵀ}, batch x inputs, row-major. */
    static float[] inputGradient(float[] delta, float[] w, int batch, int inputs, int outputs) {
        float[] gradient = new float[batch * inputs];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < inputs; i++) {
                float sum = 0;
                int wRow = i * outputs;
                int deltaRow = r * outputs;
                for (int j = 0; j < outputs; j++) {
                    sum += delta[deltaRow + j] * w[wRow + j];
                }
                gradient[r * inputs + i] = sum;
            }
        }
        return gradient;
    }
}
