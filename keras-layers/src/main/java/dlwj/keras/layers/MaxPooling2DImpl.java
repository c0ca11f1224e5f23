package dlwj.keras.layers;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The working half of {@link MaxPooling2D}: non-overlapping max pooling of float NCHW arrays, one pass over
 * the input forward and one over the output's gradient backward (the gradient goes to the first maximum of each
 * window, as in TensorFlow and DL4J, which the training forward pass records), a plane at a time, planes split
 * over the cores. A layer configured otherwise (padding, other strides, NHWC) is left to DL4J's implementation.
 */
public class MaxPooling2DImpl extends SubsamplingLayer {

    /** Planes are handed to the threads in chunks of at least this many input values. */
    private static final int CHUNK_VALUES = 1 << 16;

    /** The last training forward pass's input, and where in its plane each output's maximum is. */
    private INDArray maximaInput;
    private int[] maxima = new int[0];

    public MaxPooling2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        maximaInput = null;
        if (!pooledHere(input)) {
            return super.activate(training, workspaceMgr);
        }
        Geometry g = new Geometry(input, layerConf().getKernelSize());
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), input.size(1), g.outHeight, g.outWidth}, 'c');
        poolPlanes(g, ArrayMemory.floats(output), output.offset(), training ? maximaOf(g) : null);
        if (training) {
            maximaInput = input;
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!pooledHere(input) || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        Geometry g = new Geometry(input, layerConf().getKernelSize());
        if (maximaInput != input) {
            poolPlanes(g, null, 0, maximaOf(g));
        }
        int[] at = maxima;
        INDArray outputGradient = epsilon.ordering() == 'c' && Shape.hasDefaultStridesForShape(epsilon) ? epsilon
                : epsilon.dup('c');
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                input.shape(), 'c');
        FloatBuffer eps = ArrayMemory.floats(outputGradient);
        FloatBuffer grad = ArrayMemory.floats(inputGradient);
        long epsOffset = outputGradient.offset();
        long gradOffset = inputGradient.offset();
        g.forEachChunk((first, last) -> {
            float[] windowGradient = new float[g.outPlaneSize()];
            float[] planeGradient = new float[g.planeSize()];
            for (int p = first; p < last; p++) {
                eps.get((int) (epsOffset + (long) p * g.outPlaneSize()), windowGradient);
                // zeros: the rows and columns that no window covers (odd sizes) get no gradient
                Arrays.fill(planeGradient, 0f);
                int from = p * g.outPlaneSize();
                for (int o = 0; o < windowGradient.length; o++) {
                    planeGradient[at[from + o]] = windowGradient[o];
                }
                grad.put((int) (gradOffset + (long) p * g.planeSize()), planeGradient);
            }
        });
        maximaInput = null;
        return new Pair<>(new DefaultGradient(), inputGradient);
    }

    @Override
    public void clear() {
        super.clear();
        maximaInput = null;
        maxima = new int[0];
    }

    /**
     * Pools every plane of the input: the maxima into {@code out} from {@code outOffset} on (unless null), and
     * where they are into {@code at} (unless null).
     */
    private void poolPlanes(Geometry g, FloatBuffer out, long outOffset, int[] at) {
        FloatBuffer in = ArrayMemory.floats(input);
        long inOffset = input.offset();
        g.forEachChunk((first, last) -> {
            float[] plane = new float[g.planeSize()];
            float[] pooled = new float[g.outPlaneSize()];
            int[] planeMaxima = at != null ? at : new int[g.outPlaneSize()];
            for (int p = first; p < last; p++) {
                g.readPlane(in, inOffset, p, plane);
                g.pool(plane, pooled, planeMaxima, at != null ? p * g.outPlaneSize() : 0);
                if (out != null) {
                    out.put((int) (outOffset + (long) p * g.outPlaneSize()), pooled);
                }
            }
        });
    }

    /** The array that records the maxima of a pooling of this geometry, reused from pass to pass. */
    private int[] maximaOf(Geometry g) {
        int needed = g.planes * g.outPlaneSize();
        if (maxima.length < needed) {
            maxima = new int[needed];
        }
        return maxima;
    }

    /** Whether this layer's configuration and input are the case computed here. */
    private boolean pooledHere(INDArray x) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf = layerConf();
        return conf.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                && conf.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && conf.getConvolutionMode() != ConvolutionMode.Same
                && Arrays.equals(conf.getKernelSize(), conf.getStride())
                && Arrays.stream(conf.getPadding()).allMatch(p -> p == 0)
                && Arrays.stream(conf.getDilation()).allMatch(d -> d == 1)
                && x.rank() == 4 && x.dataType() == DataType.FLOAT
                && x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x)
                && x.length() < Integer.MAX_VALUE;
    }

    /** The sizes of one pooling: input planes of height x width, windows of poolHeight x poolWidth. */
    private static final class Geometry {
        final int planes;
        final int height;
        final int width;
        final int poolHeight;
        final int poolWidth;
        final int outHeight;
        final int outWidth;

        Geometry(INDArray input, int[] pool) {
            planes = (int) (input.size(0) * input.size(1));
            height = (int) input.size(2);
            width = (int) input.size(3);
            poolHeight = pool[0];
            poolWidth = pool[1];
            outHeight = height / poolHeight;
            outWidth = width / poolWidth;
        }

        int planeSize() {
            return height * width;
        }

        int outPlaneSize() {
            return outHeight * outWidth;
        }

        void readPlane(FloatBuffer buffer, long offset, int plane, float[] into) {
            buffer.get((int) (offset + (long) plane * planeSize()), into);
        }

        /**
         * Pools one plane: each window's maximum into {@code pooled}, and where in the plane it is (the first
         * one, row by row) into {@code maxima} from {@code at} on.
         */
        void pool(float[] plane, float[] pooled, int[] maxima, int at) {
            if (poolHeight == 2 && poolWidth == 2) {
                poolTwoByTwo(plane, pooled, maxima, at);
                return;
            }
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    int top = oy * poolHeight * width + ox * poolWidth;
                    int best = top;
                    float max = plane[top];
                    for (int ky = 0; ky < poolHeight; ky++) {
                        for (int i = top + ky * width, end = i + poolWidth; i < end; i++) {
                            if (plane[i] > max) {
                                max = plane[i];
                                best = i;
                            }
                        }
                    }
                    int o = oy * outWidth + ox;
                    pooled[o] = max;
                    maxima[at + o] = best;
                }
            }
        }

        /**
         * {@link #pool} for the book's 2 x 2 windows, without a branch per window (a window's maximum is any of
         * its four values about as often): the first maximum's offset from the window's top left is 0, 1, width
         * or width + 1, from which of the values before it fall short of the maximum.
         */
        private void poolTwoByTwo(float[] plane, float[] pooled, int[] maxima, int at) {
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    int top = 2 * oy * width + 2 * ox;
                    float a = plane[top];
                    float b = plane[top + 1];
                    float c = plane[top + width];
                    float d = plane[top + width + 1];
                    float max = Math.max(Math.max(a, b), Math.max(c, d));
                    float offset = BranchFree.step(max - a)
                            * (1 + BranchFree.step(max - b) * (width - 1 + BranchFree.step(max - c)));
                    int o = oy * outWidth + ox;
                    pooled[o] = max;
                    maxima[at + o] = top + (int) offset;
                }
            }
        }

        /** Runs {@code work} on chunks of planes, in parallel where there is enough work. */
        void forEachChunk(PlaneRange work) {
            int planesPerChunk = Math.max(1, CHUNK_VALUES / (height * width));
            int chunks = (planes + planesPerChunk - 1) / planesPerChunk;
            IntStream.range(0, chunks).parallel().forEach(chunk ->
                    work.run(chunk * planesPerChunk, Math.min(planes, (chunk + 1) * planesPerChunk)));
        }
    }

    @FunctionalInterface
    private interface PlaneRange {
        void run(int first, int last);
    }
}
