package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentParamInitializer.BIAS;
import static dlwj.keras.layers.RecurrentParamInitializer.KERNEL;
import static dlwj.keras.layers.RecurrentParamInitializer.RECURRENT_KERNEL;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Gru}: Keras 2.0.8's GRU forward, and backward through time, as {@link LstmImpl}
 * works. The inputs' products with the kernel are computed for all time steps at once (one matrix product, or
 * one per gate with dropout), as are the kernels' gradients after the backward loop. Each step's products with
 * the recurrent kernel ({@link StepMatrix}: two forward, two backward, one more per gate with recurrent dropout;
 * Java at the book's sizes) and the gates' element-wise work are plain Java, the loops over time by parts of the
 * batch on all cores ({@link BatchParts}). Arrays are time-major inside: [time, batch, ...], a step's rows
 * contiguous.
 */
public class GruImpl extends KerasRecurrentImpl<Gru, GruImpl.GruPass> {

    public GruImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What backprop needs of a forward pass. Gate columns z, r, h as in the parameters. */
    static final class GruPass extends KerasRecurrentImpl.Pass {
        int steps;
        int batch;
        int units;
        /** Per gate: the input's dropout mask [batch, features]; null without dropout. */
        INDArray[] inputMasks;
        /** Per gate: the previous state's dropout mask [batch, units]; null without recurrent dropout. */
        INDArray[] stateMasks;
        /** The same masks' values, row-major, for the Java loops. */
        double[][] stateMaskValues;
        /** [steps, batch, units]: r * h_tm1 (* the candidate's state mask), what U_h multiplies. */
        INDArray resetStates;
        /** [steps, batch, 3 units]: the activations z, r and hh. */
        double[] gates;
    }

    @Override
    GruPass forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Gru conf = layerConf();
        INDArray kernel = parameter(KERNEL, training, workspaceMgr);
        INDArray recurrentKernel = parameter(RECURRENT_KERNEL, training, workspaceMgr);
        DataType type = kernel.dataType();
        GruPass p = new GruPass();
        p.batch = Math.toIntExact(input.size(0));
        p.steps = Math.toIntExact(input.size(2));
        p.units = Math.toIntExact(conf.getNOut());
        int u = p.units;
        int rows = p.batch * u;
        Kept kept = new Kept(training, workspaceMgr, type);

        p.inputs = timeMajorInput(kept, type);
        p.inputMasks = training && conf.getDropout() > 0
                ? masks(kept, p.batch, input.size(1), conf.getDropout()) : null;
        p.stateMasks = training && conf.getRecurrentDropout() > 0
                ? masks(kept, p.batch, u, conf.getRecurrentDropout()) : null;
        p.stateMaskValues = values(p.stateMasks);
        INDArray projected = p.inputMasks == null ? projected(p.inputs, training, workspaceMgr)
                : maskedProjection(p, kernel, getParamWithNoise(BIAS, training, workspaceMgr));
        p.states = kept.zeros(p.steps + 1, p.batch, u);
        p.resetStates = kept.array(p.steps, p.batch, u);
        p.gates = new double[p.steps * 3 * rows];

        RecurrentProducts products = new RecurrentProducts(recurrentKernel, p.batch, u, p.stateMaskValues);
        StepMatrix candidateKernel = StepMatrix.of(recurrentKernel.get(all(), gateColumns(2, u)));
        overExamples(p.batch, products.widest(),
                (from, to) -> forward(p, projected, products.forThread(), candidateKernel, from, to));
        return p;
    }

    /** The forward loop over every step for the examples {@code from} to {@code to}. */
    private void forward(GruPass p, INDArray projected, RecurrentProducts products, StepMatrix candidateKernel,
                         int from, int to) {
        JavaActivation gates = gateActivation();
        JavaActivation activation = activation();
        int u = p.units;
        int rows = p.batch * u;
        int at = from * u;
        int count = (to - from) * u;
        ArrayMemory projectedMemory = ArrayMemory.of(projected);
        ArrayMemory statesMemory = ArrayMemory.of(p.states);
        ArrayMemory resetMemory = ArrayMemory.of(p.resetStates);
        double[] x = new double[3 * rows];
        double[] zr = new double[2 * rows];
        double[] h = new double[rows];
        double[] next = new double[rows];
        double[] rh = new double[rows];
        double[] candidate = new double[rows];
        double[] candidateMask = p.stateMaskValues == null ? null : p.stateMaskValues[2];
        for (int t = 0; t < p.steps; t++) {
            products.forward(h, zr, from, to);
            projectedMemory.read((long) t * 3 * rows + 3 * at, x, 3 * at, 3 * count);
            int gatesAt = t * 3 * rows;
            for (int b = from; b < to; b++) {
                for (int j = 0; j < u; j++) {
                    int k = b * 3 * u + j;
                    int cell = b * u + j;
                    double z = gates.apply(x[k] + zr[b * 2 * u + j]);
                    double r = gates.apply(x[k + u] + zr[b * 2 * u + u + j]);
                    p.gates[gatesAt + k] = z;
                    p.gates[gatesAt + k + u] = r;
                    rh[cell] = r * h[cell] * (candidateMask == null ? 1 : candidateMask[cell]);
                }
            }
            resetMemory.write(rh, at, (long) t * rows + at, count);
            candidateKernel.multiply(rh, from, to, candidate);
            for (int b = from; b < to; b++) {
                for (int j = 0; j < u; j++) {
                    int k = b * 3 * u + j;
                    int cell = b * u + j;
                    double hh = activation.apply(x[k + 2 * u] + candidate[cell]);
                    double z = p.gates[gatesAt + k];
                    p.gates[gatesAt + k + 2 * u] = hh;
                    next[cell] = z * h[cell] + (1 - z) * hh;
                }
            }
            statesMemory.write(next, at, (long) (t + 1) * rows + at, count);
            double[] previous = h;
            h = next;
            next = previous;
        }
    }

    /** With input dropout: each gate's {@code (x_t * mask) · W_gate + b_gate}, [steps * batch, 3 units]. */
    private static INDArray maskedProjection(GruPass p, INDArray kernel, INDArray bias) {
        long u = p.units;
        INDArray projected = Nd4j.create(kernel.dataType(), new long[] {(long) p.steps * p.batch, 3 * u}, 'c');
        for (int gate = 0; gate < 3; gate++) {
            projected.get(all(), gateColumns(gate, u)).assign(
                    product(maskedInputs(p, gate), kernel, false).get(all(), gateColumns(gate, u)));
        }
        return projected.addiRowVector(bias);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        GruPass p = trainingPass(workspaceMgr);
        INDArray kernel = parameter(KERNEL, true, workspaceMgr);
        INDArray recurrentKernel = parameter(RECURRENT_KERNEL, true, workspaceMgr);
        DataType type = kernel.dataType();
        int u = p.units;

        GradientFromAbove above = new GradientFromAbove(epsilon, layerConf().isReturnSequences(), p.steps, type);
        // the gradient with respect to the gates' pre-activations, [steps, batch, 3 units]
        INDArray preGradients = Nd4j.createUninitialized(type, new long[] {p.steps, p.batch, 3L * u}, 'c');
        RecurrentProducts products = new RecurrentProducts(recurrentKernel, p.batch, u, p.stateMaskValues);
        StepMatrix transposedCandidateKernel =
                StepMatrix.of(recurrentKernel.get(all(), gateColumns(2, u))).transposed();
        overExamples(p.batch, products.widest(), (from, to) ->
                backward(p, above, preGradients, products.forThread(), transposedCandidateKernel, from, to));

        // the parameters' gradients, summed over the steps with one matrix product each (each gate's block of a
        // product with every gate's gradient: libnd4j multiplies whole row-major matrices fastest)
        long allRows = (long) p.steps * p.batch;
        INDArray dG = preGradients.reshape('c', allRows, 3L * u);
        INDArray previousStates = p.states.get(interval(0, p.steps), all(), all()).reshape('c', allRows, u);
        INDArray kernelGradient = gradientViews.get(KERNEL);
        INDArray recurrentGradient = gradientViews.get(RECURRENT_KERNEL);
        INDArray biasGradient = gradientViews.get(BIAS);
        biasGradient.assign(columnSums(dG));
        INDArray unmasked = p.stateMasks == null ? transposedProduct(previousStates, dG) : null;
        for (int gate = 0; gate < 2; gate++) {
            INDArray product = unmasked != null ? unmasked
                    : transposedProduct(previousStates.mul(Nd4j.tile(p.stateMasks[gate], p.steps, 1)), dG);
            recurrentGradient.get(all(), gateColumns(gate, u)).assign(product.get(all(), gateColumns(gate, u)));
        }
        recurrentGradient.get(all(), gateColumns(2, u)).assign(
                transposedProduct(p.resetStates.reshape('c', allRows, u), dG).get(all(), gateColumns(2, u)));
        INDArray inputGradient;
        if (p.inputMasks == null) {
            kernelGradient.assign(transposedProduct(p.inputs, dG));
            inputGradient = inputGradient(dG, kernel, workspaceMgr);
        } else {
            inputGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, type, p.inputs.shape(), 'c');
            for (int gate = 0; gate < 3; gate++) {
                kernelGradient.get(all(), gateColumns(gate, u)).assign(
                        transposedProduct(maskedInputs(p, gate), dG).get(all(), gateColumns(gate, u)));
                INDArray gateKernel = Nd4j.zeros(type, kernel.shape());
                gateKernel.get(all(), gateColumns(gate, u)).assign(kernel.get(all(), gateColumns(gate, u)));
                inputGradient.addi(product(dG, gateKernel, true).muli(Nd4j.tile(p.inputMasks[gate], p.steps, 1)));
            }
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(KERNEL, kernelGradient);
        gradient.gradientForVariable().put(RECURRENT_KERNEL, recurrentGradient);
        gradient.gradientForVariable().put(BIAS, biasGradient);
        weightNoiseParams.clear();
        return new Pair<>(gradient, inDl4jShape(inputGradient, p.steps));
    }

    /** The backward loop over every step, from the last, for the examples {@code from} to {@code to}. */
    private void backward(GruPass p, GradientFromAbove gradientFromAbove, INDArray preGradients,
                          RecurrentProducts products, StepMatrix transposedCandidateKernel, int from, int to) {
        JavaActivation gates = gateActivation();
        JavaActivation activation = activation();
        int u = p.units;
        int rows = p.batch * u;
        int at = from * u;
        int count = (to - from) * u;
        GradientFromAbove.Reader above = gradientFromAbove.rows(from, to, u);
        ArrayMemory preGradientsMemory = ArrayMemory.of(preGradients);
        ArrayMemory statesMemory = ArrayMemory.of(p.states);
        double[] candidateMask = p.stateMaskValues == null ? null : p.stateMaskValues[2];
        double[] dh = new double[rows];
        double[] h = new double[rows];
        double[] dCandidate = new double[rows];
        double[] dResetState = new double[rows];
        double[] dGates = new double[2 * rows];
        double[] dPre = new double[3 * rows];
        double[] dFromGates = new double[rows];
        for (int t = p.steps - 1; t >= 0; t--) {
            above.addTo(t, dh);
            statesMemory.read((long) t * rows + at, h, at, count);
            int gatesAt = t * 3 * rows;
            for (int b = from; b < to; b++) {
                for (int j = 0; j < u; j++) {
                    int k = b * 3 * u + j;
                    int cell = b * u + j;
                    double z = p.gates[gatesAt + k];
                    double hh = p.gates[gatesAt + k + 2 * u];
                    dCandidate[cell] = dh[cell] * (1 - z) * activation.derivativeFromOutput(hh);
                    dPre[k] = dh[cell] * (h[cell] - hh) * gates.derivativeFromOutput(z);
                    dPre[k + 2 * u] = dCandidate[cell];
                }
            }
            // d(r * h_tm1 * rd_h) = dCandidate · U_h^T
            transposedCandidateKernel.multiply(dCandidate, from, to, dResetState);
            for (int b = from; b < to; b++) {
                for (int j = 0; j < u; j++) {
                    int k = b * 3 * u + j;
                    int cell = b * u + j;
                    double r = p.gates[gatesAt + k + u];
                    double dRh = dResetState[cell] * (candidateMask == null ? 1 : candidateMask[cell]);
                    dPre[k + u] = dRh * h[cell] * gates.derivativeFromOutput(r);
                    dGates[b * 2 * u + j] = dPre[k];
                    dGates[b * 2 * u + u + j] = dPre[k + u];
                    dh[cell] = dh[cell] * p.gates[gatesAt + k] + dRh * r;
                }
            }
            preGradientsMemory.write(dPre, 3 * at, (long) gatesAt + 3 * at, 3 * count);
            // and through the gates: dPre_z · U_z^T + dPre_r · U_r^T (each times its mask)
            products.backward(dGates, dFromGates, from, to);
            for (int k = at; k < at + count; k++) {
                dh[k] += dFromGates[k];
            }
        }
    }

    /**
     * The update and reset gates' products with their recurrent kernels, step by step: forward
     * {@code (h * rd_z) · U_z} beside {@code (h * rd_r) · U_r}, [batch, 2 units] (one product without recurrent
     * dropout); backward {@code (dz · U_z^T) * rd_z + (dr · U_r^T) * rd_r}, [batch, units].
     */
    private static final class RecurrentProducts {
        private final double[][] masks;
        private final int units;
        private final StepMatrix[] kernels;
        private final StepMatrix[] transposedKernels;
        private final double[] operand;
        private final double[] product;

        RecurrentProducts(INDArray recurrentKernel, int batch, int units, double[][] masks) {
            this.masks = masks;
            this.units = units;
            int count = masks == null ? 1 : 2;
            int width = masks == null ? 2 * units : units;
            kernels = new StepMatrix[count];
            transposedKernels = new StepMatrix[count];
            for (int i = 0; i < count; i++) {
                long from = (long) i * units;
                kernels[i] = StepMatrix.of(recurrentKernel.get(all(), interval(from, from + width)));
                transposedKernels[i] = kernels[i].transposed();
            }
            operand = new double[batch * units];
            product = new double[batch * units];
        }

        private RecurrentProducts(RecurrentProducts shared) {
            masks = shared.masks;
            units = shared.units;
            kernels = shared.kernels;
            transposedKernels = shared.transposedKernels;
            operand = new double[shared.operand.length];
            product = new double[shared.product.length];
        }

        /** The same products with working arrays of their own, for a thread of their own. */
        RecurrentProducts forThread() {
            return new RecurrentProducts(this);
        }

        /** The largest of the step's products, which decides whether they are Java's. */
        StepMatrix widest() {
            return kernels[0];
        }

        /**
         * The products for the previous state {@code h}, [batch, units], into {@code zr}, [batch, 2 units], for the
         * examples {@code from} to {@code to}.
         */
        void forward(double[] h, double[] zr, int from, int to) {
            if (masks == null) {
                kernels[0].multiply(h, from, to, zr);
                return;
            }
            for (int gate = 0; gate < 2; gate++) {
                for (int k = from * units; k < to * units; k++) {
                    operand[k] = h[k] * masks[gate][k];
                }
                kernels[gate].multiply(operand, from, to, product);
                for (int k = from * units; k < to * units; k++) {
                    zr[(k / units) * 2 * units + gate * units + k % units] = product[k];
                }
            }
        }

        /**
         * From the gates' gradients {@code dzr} [batch, 2 units], the previous state's, into {@code dh}, for the
         * examples {@code from} to {@code to}.
         */
        void backward(double[] dzr, double[] dh, int from, int to) {
            if (masks == null) {
                transposedKernels[0].multiply(dzr, from, to, dh);
                return;
            }
            java.util.Arrays.fill(dh, from * units, to * units, 0);
            for (int gate = 0; gate < 2; gate++) {
                for (int k = from * units; k < to * units; k++) {
                    operand[k] = dzr[(k / units) * 2 * units + gate * units + k % units];
                }
                transposedKernels[gate].multiply(operand, from, to, product);
                for (int k = from * units; k < to * units; k++) {
                    dh[k] += product[k] * masks[gate][k];
                }
            }
        }
    }

    /** The input multiplied by {@code gate}'s dropout mask, the same mask at every step. */
    private static INDArray maskedInputs(GruPass p, int gate) {
        return p.inputs.mul(Nd4j.tile(p.inputMasks[gate], p.steps, 1));
    }

    /** Keras' dropout masks, one per gate: each entry 0, or 1 / (1 - rate) with probability 1 - rate. */
    private static INDArray[] masks(Kept kept, long batch, long size, double rate) {
        INDArray[] masks = new INDArray[3];
        for (int gate = 0; gate < 3; gate++) {
            masks[gate] = kept.array(batch, size);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(masks[gate], 1 - rate));
            masks[gate].divi(1 - rate);
        }
        return masks;
    }

    /** The masks' values, row-major; null without masks. */
    private static double[][] values(INDArray[] masks) {
        if (masks == null) {
            return null;
        }
        double[][] values = new double[masks.length][];
        for (int i = 0; i < masks.length; i++) {
            values[i] = masks[i].castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        return values;
    }
}
