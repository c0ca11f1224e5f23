package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentParamInitializer.BIAS;
import static dlwj.keras.layers.RecurrentParamInitializer.KERNEL;
import static dlwj.keras.layers.RecurrentParamInitializer.RECURRENT_KERNEL;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * What the working halves of {@link KerasRecurrent} layers share: the input turned time-major, [steps * batch,
 * features] with a step's rows contiguous (row t * batch + i for step t of example i); the output taken from
 * the states [steps + 1, batch, units] (h_0 first); the input's gradient given back in DL4J's layout; where a
 * forward pass keeps what backprop reads; and the refusal of masks.
 */
abstract class KerasRecurrentImpl<L extends KerasRecurrent, P extends KerasRecurrentImpl.Pass> extends BaseLayer<L> {

    /** What backprop needs of a forward pass; each layer adds its own (an LSTM's cells, a GRU's gates). */
    static class Pass {
        /** The input, time-major: [steps * batch, features], row t * batch + i for step t of example i. */
        INDArray inputs;
        /** [steps + 1, batch, units]: h_0 = 0, then each step's state. */
        INDArray states;
    }

    /** The training forward pass, kept for backprop. */
    private P pass;

    KerasRecurrentImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The forward pass over the checked input. */
    abstract P forward(boolean training, LayerWorkspaceMgr workspaceMgr);

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        P forward = forward(training, workspaceMgr);
        pass = training ? forward : null;
        return output(forward.states, workspaceMgr);
    }

    /** Backprop's forward pass: the one training kept (then forgotten), or a new one. */
    P trainingPass(LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInput();
        P p = pass != null ? pass : forward(true, workspaceMgr);
        pass = null;
        return p;
    }

    @Override
    public void clear() {
        super.clear();
        pass = null;
    }

    /** Checks the input, [batch, features, time], and refuses a mask. */
    void checkInput() {
        rejectMask(maskArray);
        if (input.rank() != 3) {
            throw new IllegalArgumentException(layerConf().getClass().getSimpleName()
                    + " takes [batch, features, time]; given " + input.shapeInfoToString());
        }
    }

    /** The input, time-major: [steps * batch, features], in {@code type}. */
    INDArray timeMajorInput(Kept kept, DataType type) {
        return kept.dup(input.castTo(type).permute(2, 0, 1)).reshape('c', input.size(2) * input.size(0),
                input.size(1));
    }

    /** {@code x_t · W + b} for every step at once, row-major: [steps * batch, gates x units]. */
    INDArray projected(INDArray inputs, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return product(inputs, parameter(KERNEL, training, workspaceMgr), false)
                .addiRowVector(getParamWithNoise(BIAS, training, workspaceMgr));
    }

    /** The layer's output from the states [steps + 1, batch, units]: every step's, or the last one. */
    INDArray output(INDArray states, LayerWorkspaceMgr workspaceMgr) {
        long steps = states.size(0) - 1;
        if (layerConf().isReturnSequences()) {
            // every state, [batch, units, time], in 'f' order as DL4J's recurrent layers give it
            return workspaceMgr.dup(ArrayType.ACTIVATIONS,
                    states.get(interval(1, steps + 1), all(), all()).permute(1, 2, 0), 'f');
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, states.slice(steps), 'c');
    }

    /**
     * {@code dG · kernel^T}, the input's gradient, time-major [steps * batch, features], computed into the
     * workspace DL4J hands gradients down in.
     */
    static INDArray inputGradient(INDArray dG, INDArray kernel, LayerWorkspaceMgr workspaceMgr) {
        INDArray gradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dG.dataType(),
                new long[] {dG.size(0), kernel.size(0)}, 'c');
        Nd4j.gemm(dG, kernel, gradient, false, true, 1.0, 0.0);
        return gradient;
    }

    /**
     * The input's time-major gradient in DL4J's shape [batch, features, time]: a view, its memory still time-major.
     * A copy into another order would transpose the whole array, and the embedding below reads any layout.
     */
    static INDArray inDl4jShape(INDArray timeMajor, long steps) {
        return timeMajor.reshape('c', steps, timeMajor.size(0) / steps, timeMajor.size(1)).permute(1, 2, 0);
    }

    /**
     * The gradients of the parameters, summed over the steps with one matrix product each, and the input's
     * gradient in DL4J's layout, from the gradient with respect to the gates' pre-activations
     * {@code preGradients} [steps, batch, gates x units], for a layer whose pre-activations are
     * {@code x_t · W + b + h_tm1 · U} (h_tm1 the states [steps + 1, batch, units] but the last).
     */
    Pair<Gradient, INDArray> gradients(INDArray inputs, INDArray states, INDArray preGradients,
                                       LayerWorkspaceMgr workspaceMgr) {
        long steps = preGradients.size(0);
        long columns = preGradients.size(2);
        INDArray dG = preGradients.reshape('c', steps * preGradients.size(1), columns);
        INDArray previousStates = states.get(interval(0, steps), all(), all()).reshape('c', dG.size(0), states.size(2));
        gradientViews.get(KERNEL).assign(transposedProduct(inputs, dG));
        gradientViews.get(RECURRENT_KERNEL).assign(transposedProduct(previousStates, dG));
        gradientViews.get(BIAS).assign(columnSums(dG));
        INDArray inputGradient = inputGradient(dG, parameter(KERNEL, true, workspaceMgr), workspaceMgr);

        Gradient gradient = new DefaultGradient();
        for (String key : new String[] {KERNEL, RECURRENT_KERNEL, BIAS}) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, inDl4jShape(inputGradient, steps));
    }

    /**
     * A parameter, row-major and contiguous. The parameters are column-major views of the network's flat vector,
     * and libnd4j's gemm multiplies such a view about three times slower than a row-major copy (a [128, 32] x
     * [32, 128] product: 141 µs against 47 µs).
     */
    INDArray parameter(String key, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return getParamWithNoise(key, training, workspaceMgr).dup('c');
    }

    /**
     * {@code a^T · b}, into a new row-major array, which the caller copies into a gradient view, whole or (the
     * GRU's, per gate) by blocks: a product straight into the column-major view takes as long when the cores are
     * free, and many times longer when other work shares them.
     */
    static INDArray transposedProduct(INDArray a, INDArray b) {
        INDArray result = Nd4j.createUninitialized(b.dataType(), new long[] {a.size(1), b.size(1)}, 'c');
        Nd4j.gemm(a, b, result, true, false, 1.0, 0.0);
        return result;
    }

    /** {@code a · b} ({@code a · b^T} if {@code transposeB}), into a new row-major array. */
    static INDArray product(INDArray a, INDArray b, boolean transposeB) {
        INDArray result = Nd4j.createUninitialized(a.dataType(), new long[] {a.size(0), b.size(transposeB ? 0 : 1)},
                'c');
        Nd4j.gemm(a, b, result, false, transposeB, 1.0, 0.0);
        return result;
    }

    /**
     * The sums of the matrix's columns, [1, columns], as one product with a row of ones: for [64000, 128],
     * 2.5-3.5 ms against {@code sum(0)}'s 35 ms.
     */
    static INDArray columnSums(INDArray matrix) {
        INDArray ones = Nd4j.ones(matrix.dataType(), 1, matrix.size(0));
        return product(ones, matrix, false);
    }

    /**
     * The gradient with respect to the states from the layer above, read step by step from the last: every
     * step's with {@code return_sequences}, otherwise the last step's only.
     */
    static final class GradientFromAbove {
        private final boolean sequences;
        private final long steps;
        private final INDArray above;
        private final int stepLength;

        GradientFromAbove(INDArray epsilon, boolean sequences, long steps, DataType type) {
            this.sequences = sequences;
            this.steps = steps;
            this.above = sequences ? epsilon.castTo(type).permute(2, 0, 1).dup('c') : epsilon.castTo(type).dup('c');
            this.stepLength = (int) (above.length() / (sequences ? steps : 1));
        }

        /** A reader of the rows {@code from} to {@code to}, of {@code units} each, for one thread. */
        Reader rows(int from, int to, int units) {
            return new Reader(ArrayMemory.of(above), from * units, (to - from) * units);
        }

        final class Reader {
            private final ArrayMemory memory;
            private final int at;
            private final int count;
            private final double[] step;

            private Reader(ArrayMemory memory, int at, int count) {
                this.memory = memory;
                this.at = at;
                this.count = count;
                this.step = new double[count];
            }

            /** Adds step {@code t}'s gradient of the reader's rows to theirs in {@code dh}, [batch, units]. */
            void addTo(long t, double[] dh) {
                if (sequences || t == steps - 1) {
                    memory.read((sequences ? t * stepLength : 0) + at, step, 0, count);
                    for (int k = 0; k < count; k++) {
                        dh[at + k] += step[k];
                    }
                }
            }
        }
    }

    /**
     * Runs {@code work} over the batch's examples, by parts in parallel ({@link BatchParts}) when a part's step
     * products with {@code recurrentKernel} are Java's (the validation's batches of 512 too).
     */
    static void overExamples(int batch, StepMatrix recurrentKernel, BatchParts.Examples work) {
        BatchParts.run(batch, recurrentKernel.inJava(BatchParts.largestPart(batch)), work);
    }

    /** The layer's activation, computed in Java ({@link KerasRecurrent} refuses those it cannot compute). */
    JavaActivation activation() {
        return JavaActivation.ofActivation(layerConf().getActivationFn());
    }

    /** The layer's gates' activation, likewise. */
    JavaActivation gateActivation() {
        return JavaActivation.ofGate(layerConf().getRecurrentActivationFn());
    }

    /** Columns {@code gate * units} to {@code (gate + 1) * units}: one gate's block of the kernels. */
    static INDArrayIndex gateColumns(int gate, long units) {
        return interval(gate * units, (gate + 1) * units);
    }

    /** Where the arrays a pass keeps go: the activations workspace in training (backprop reads them later). */
    record Kept(boolean training, LayerWorkspaceMgr workspaceMgr, DataType type) {

        INDArray array(long... shape) {
            return training ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, shape, 'c')
                    : Nd4j.createUninitialized(type, shape, 'c');
        }

        INDArray zeros(long... shape) {
            return training ? workspaceMgr.create(ArrayType.ACTIVATIONS, type, shape, 'c') : Nd4j.create(type, shape);
        }

        INDArray dup(INDArray array) {
            return training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, array, 'c') : array.dup('c');
        }
    }

    /** Masks: not supported (the book pads its sequences to one length). */
    private void rejectMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException(layerConf().getClass().getSimpleName() + " does not support "
                    + "masks (sequences of different lengths): pad the sequences to one length, as the book does, "
                    + "and give no mask");
        }
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        rejectMask(maskArray);
        super.setMaskArray(null);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        rejectMask(maskArray);
        return null;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
