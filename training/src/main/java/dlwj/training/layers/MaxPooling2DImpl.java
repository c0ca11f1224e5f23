package dlwj.training.layers;

import java.nio.ByteOrder;
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
 * the input forward and one backward (the gradient goes to the first maximum of each window, as in
 * TensorFlow and DL4J), planes split over the cores. A layer configured otherwise (padding, other strides,
 * NHWC) is left to DL4J's implementation.
 */
public class MaxPooling2DImpl extends SubsamplingLayer {

    /** Planes are handed to the threads in chunks of at least this many input values. */
    private static final int CHUNK_VALUES = 1 << 16;

    public MaxPooling2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!pooledHere(input)) {
            return super.activate(training, workspaceMgr);
        }
        Geometry g = new Geometry(input, layerConf().getKernelSize());
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), input.size(1), g.outHeight, g.outWidth}, 'c');
        FloatBuffer in = floats(input);
        FloatBuffer out = floats(output);
        long inOffset = input.offset();
        long outOffset = output.offset();
        g.forEachChunk((first, last) -> {
            float[][] rows = new float[g.poolHeight][g.width];
            float[] pooled = new float[g.outWidth];
            for (int plane = first; plane < last; plane++) {
                for (int oy = 0; oy < g.outHeight; oy++) {
                    g.readRows(in, inOffset, plane, oy, rows);
                    for (int ox = 0; ox < g.outWidth; ox++) {
                        pooled[ox] = rows[0][ox * g.poolWidth];
                    }
                    for (float[] row : rows) {
                        for (int ox = 0; ox < g.outWidth; ox++) {
                            for (int kx = 0, x = ox * g.poolWidth; kx < g.poolWidth; kx++, x++) {
                                if (row[x] > pooled[ox]) {
                                    pooled[ox] = row[x];
                                }
                            }
                        }
                    }
                    out.put((int) (outOffset + ((long) plane * g.outHeight + oy) * g.outWidth), pooled);
                }
            }
        });
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!pooledHere(input) || epsilon.dataType() != DataType.FLOAT) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        Geometry g = new Geometry(input, layerConf().getKernelSize());
        INDArray outputGradient = epsilon.ordering() == 'c' && Shape.hasDefaultStridesForShape(epsilon) ? epsilon
                : epsilon.dup('c');
        // zeros: the rows and columns that no window covers (odd sizes) get no gradient
        INDArray inputGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer in = floats(input);
        FloatBuffer eps = floats(outputGradient);
        FloatBuffer grad = floats(inputGradient);
        long inOffset = input.offset();
        long epsOffset = outputGradient.offset();
        long gradOffset = inputGradient.offset();
        g.forEachChunk((first, last) -> {
            float[][] rows = new float[g.poolHeight][g.width];
            float[][] gradientRows = new float[g.poolHeight][g.width];
            float[] windowGradient = new float[g.outWidth];
            for (int plane = first; plane < last; plane++) {
                for (int oy = 0; oy < g.outHeight; oy++) {
                    g.readRows(in, inOffset, plane, oy, rows);
                    eps.get((int) (epsOffset + ((long) plane * g.outHeight + oy) * g.outWidth), windowGradient);
                    for (float[] row : gradientRows) {
                        Arrays.fill(row, 0f);
                    }
                    for (int ox = 0; ox < g.outWidth; ox++) {
                        int maxRow = 0;
                        int maxX = ox * g.poolWidth;
                        for (int ky = 0; ky < g.poolHeight; ky++) {
                            for (int kx = 0, x = ox * g.poolWidth; kx < g.poolWidth; kx++, x++) {
                                if (rows[ky][x] > rows[maxRow][maxX]) {
                                    maxRow = ky;
                                    maxX = x;
                                }
                            }
                        }
                        gradientRows[maxRow][maxX] = windowGradient[ox];
                    }
                    g.writeRows(grad, gradOffset, plane, oy, gradientRows);
                }
            }
        });
        return new Pair<>(new DefaultGradient(), inputGradient);
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

    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
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

        /** The input rows of the windows of output row {@code oy} of {@code plane}. */
        void readRows(FloatBuffer buffer, long offset, int plane, int oy, float[][] rows) {
            for (int ky = 0; ky < poolHeight; ky++) {
                buffer.get((int) (offset + ((long) plane * height + oy * poolHeight + ky) * width), rows[ky]);
            }
        }

        void writeRows(FloatBuffer buffer, long offset, int plane, int oy, float[][] rows) {
            for (int ky = 0; ky < poolHeight; ky++) {
                buffer.put((int) (offset + ((long) plane * height + oy * poolHeight + ky) * width), rows[ky]);
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
