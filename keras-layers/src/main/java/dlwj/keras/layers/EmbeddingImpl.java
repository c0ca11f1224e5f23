package dlwj.keras.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The working half of {@link Embedding}: DL4J's embedding layer, whose backward pass adds each word's gradient
 * into its row of the embedding matrix's gradient in one Java loop over the batch, where DL4J looks the words up
 * again and calls ND4J's {@code scatterUpdate}. Layers with a bias, an activation, masks or weight noise, or not
 * in float, go through DL4J's backward pass.
 */
public class EmbeddingImpl extends EmbeddingSequenceLayer {

    /** The embedding matrix's gradient, in the layout of DL4J's gradient view, between the loop and the view. */
    private float[] sums = new float[0];
    /** The step's word indices, row-major, and the incoming gradient's memory. */
    private float[] indices = new float[0];
    private float[] gradient = new float[0];

    public EmbeddingImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        if (!plain(epsilon, weightGradient)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        int words = (int) layerConf().getNIn();
        int size = (int) layerConf().getNOut();
        int batch = (int) input.size(0);
        int steps = (int) (input.length() / batch);
        indices = rowMajor(input.castTo(DataType.FLOAT), indices);
        // the gradient as its memory holds it: a recurrent layer above gives it time-major, a component's
        // values next to each other, and reading it in place spares a transposing copy
        INDArray dense = isPermutedDense(epsilon) ? epsilon : epsilon.dup('c');
        gradient = values(dense, gradient);
        boolean stepsLast = layerConf().getOutputFormat() == RNNFormat.NCW; // epsilon [batch, size, steps]
        int sampleStride = (int) dense.stride(0);
        int stepStride = (int) dense.stride(stepsLast ? 2 : 1);
        int gradientComponentStride = (int) dense.stride(stepsLast ? 1 : 2);
        // where word w's component k goes in the gradient view
        long wordStride = weightGradient.ordering() == 'c' ? size : 1;
        int componentStride = weightGradient.ordering() == 'c' ? 1 : words;
        if (sums.length < words * size) {
            sums = new float[words * size];
        }
        Arrays.fill(sums, 0, words * size, 0f);
        for (int sample = 0; sample < batch; sample++) {
            for (int step = 0; step < steps; step++) {
                float index = indices[sample * steps + step];
                if (!(index >= 0 && index < words)) {
                    throw new IllegalStateException("Word index " + index + " outside the embedding's " + words
                            + " words, at sample " + sample + ", step " + step);
                }
                int row = (int) index * (int) wordStride; // in int: a float product is inexact past 2^24
                int at = sample * sampleStride + step * stepStride;
                for (int k = 0; k < size; k++) {
                    sums[row + k * componentStride] += gradient[at + k * gradientComponentStride];
                }
            }
        }
        ArrayMemory.floats(weightGradient).put((int) weightGradient.offset(), sums, 0, words * size);
        Gradient result = new DefaultGradient();
        result.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        return new Pair<>(result, null); // word indices have no gradient
    }

    /**
     * Whether this step goes through the Java loop: float gradients, no bias, the identity as activation, no masks
     * or weight noise, an input of [batch, steps] or [batch, 1, steps], and a contiguous gradient view.
     */
    private boolean plain(INDArray epsilon, INDArray weightGradient) {
        return !layerConf().hasBias() && layerConf().getActivationFn() instanceof ActivationIdentity
                && maskArray == null && layerConf().getWeightNoise() == null
                && epsilon.dataType() == DataType.FLOAT && weightGradient.dataType() == DataType.FLOAT
                && weightGradient.elementWiseStride() == 1 && weightGradient.length() <= Integer.MAX_VALUE
                && epsilon.length() <= Integer.MAX_VALUE
                && (input.rank() == 2 || input.rank() == 3 && input.size(1) == 1);
    }

    /** The values of {@code array} in row-major order, in {@code into} if it is long enough. */
    private static float[] rowMajor(INDArray array, float[] into) {
        return values(array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) ? array : array.dup('c'),
                into);
    }

    /**
     * The memory of an array that {@link #isPermutedDense} (from its offset, as many values as it has elements), in
     * {@code into} if it is long enough: element (i, j, k) is at i * stride(0) + j * stride(1) + k * stride(2).
     */
    private static float[] values(INDArray dense, float[] into) {
        int length = (int) dense.length();
        float[] copy = into.length >= length ? into : new float[length];
        ArrayMemory.floats(dense).get((int) dense.offset(), copy, 0, length);
        return copy;
    }

    /**
     * Whether the array's elements fill a block of its memory with no gaps, in some order of its dimensions: a
     * row-major or column-major array, or a permutation of one.
     */
    static boolean isPermutedDense(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        Integer[] byStride = new Integer[shape.length];
        for (int d = 0; d < shape.length; d++) {
            byStride[d] = d;
        }
        Arrays.sort(byStride, (a, b) -> Long.compare(stride[a], stride[b]));
        long expected = 1;
        for (int d : byStride) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }
}
