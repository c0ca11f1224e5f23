package dlwj.keras.layers;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * A dense layer's element-wise work around its matrix products, in Java over the arrays' float buffers: after
 * the forward product the bias and the activation (identity or ReLU), and before backprop's products the
 * gradient at the pre-activation and the bias gradient. Each is one pass over the batch's values, where ND4J
 * takes one native call per operation (a bias add, a copy, the activation, its derivative, the bias sum: each
 * 0.15-0.2 ms on a [128, 512] array with two threads, far more than its arithmetic). The
 * forward pass keeps its activations for backprop: ReLU's derivative needs only their sign.
 */
final class DenseElementWise {

    /** Rows of the gradient written in one sweep over a column-major epsilon's columns. */
    private static final int ROWS_AT_A_TIME = 16;

    private final boolean relu;
    /** The last training forward pass's activations, row-major [batch, outputs], while {@link #kept}. */
    private float[] activations = new float[0];
    private float[] epsilonValues = new float[0];
    private float[] delta = new float[0];
    private boolean kept;
    private int batch;
    private int outputs;

    /** For a layer with ReLU ({@code relu}) or the identity as its activation. */
    DenseElementWise(boolean relu) {
        this.relu = relu;
    }

    /**
     * Adds {@code bias} to each row of the pre-activation {@code z} (a row-major float [batch, outputs] array
     * with default strides) and applies the activation, in place; {@code keep} keeps the result for
     * {@link #backward}.
     */
    void forward(INDArray z, INDArray bias, boolean keep) {
        batch = (int) z.size(0);
        outputs = (int) z.size(1);
        int length = batch * outputs;
        if (activations.length < length) {
            activations = new float[length];
        }
        float[] values = activations;
        float[] b = SmallDense.read(bias);
        FloatBuffer buffer = ArrayMemory.floats(z);
        int offset = (int) z.offset();
        buffer.get(offset, values, 0, length);
        for (int row = 0; row < length; row += outputs) {
            for (int j = 0; j < outputs; j++) {
                float v = values[row + j] + b[j];
                values[row + j] = relu ? Math.max(v, 0f) : v;
            }
        }
        buffer.put(offset, values, 0, length);
        kept = keep;
    }

    /** Whether the activations of a forward pass are kept for backprop, for an {@code epsilon} this can read. */
    boolean canBackprop(INDArray epsilon) {
        return kept && epsilon.dataType() == DataType.FLOAT && epsilon.rank() == 2 && epsilon.size(0) == batch
                && epsilon.size(1) == outputs && Shape.hasDefaultStridesForShape(epsilon)
                && epsilon.data().length() <= Integer.MAX_VALUE;
    }

    /**
     * The gradient at the pre-activation: for ReLU {@code epsilon} where the kept forward pass was positive and
     * 0 elsewhere, row-major; for the identity {@code epsilon} itself. Writes its sum over the batch, the bias
     * gradient, into {@code biasGradient}, and forgets the forward pass.
     */
    INDArray backward(INDArray epsilon, INDArray biasGradient, LayerWorkspaceMgr workspaceMgr) {
        kept = false;
        int length = batch * outputs;
        if (epsilonValues.length < length) {
            epsilonValues = new float[length];
            delta = new float[length];
        }
        float[] e = epsilonValues;
        ArrayMemory.floats(epsilon).get((int) epsilon.offset(), e, 0, length);
        double[] sums = new double[outputs];
        if (epsilon.ordering() == 'c') {
            // two loops that the JIT vectorises, where one computing and summing each value is not (2.5x slower)
            float[] d = e;
            if (relu) {
                for (int i = 0; i < length; i++) {
                    delta[i] = e[i] * BranchFree.step(activations[i]);
                }
                d = delta;
            }
            for (int row = 0; row < length; row += outputs) {
                for (int j = 0; j < outputs; j++) {
                    sums[j] += d[row + j];
                }
            }
        } else {
            // a column-major epsilon into the row-major delta, a few rows at a time: their cache lines stay loaded
            for (int first = 0; first < batch; first += ROWS_AT_A_TIME) {
                int last = Math.min(batch, first + ROWS_AT_A_TIME);
                for (int j = 0; j < outputs; j++) {
                    double sum = 0;
                    for (int i = first; i < last; i++) {
                        int k = i * outputs + j;
                        float d = relu ? e[j * batch + i] * BranchFree.step(activations[k]) : e[j * batch + i];
                        delta[k] = d;
                        sum += d;
                    }
                    sums[j] += sum;
                }
            }
        }
        float[] biasSums = new float[outputs];
        for (int j = 0; j < outputs; j++) {
            biasSums[j] = (float) sums[j];
        }
        SmallDense.write(biasSums, biasGradient);
        if (!relu) {
            return epsilon;
        }
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {batch, outputs}, 'c');
        ArrayMemory.floats(result).put((int) result.offset(), delta, 0, length);
        return result;
    }

    void forget() {
        kept = false;
    }
}
