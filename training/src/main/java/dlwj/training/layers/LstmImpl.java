package dlwj.training.layers;

import static dlwj.training.layers.RecurrentParamInitializer.RECURRENT_KERNEL;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Lstm}: Keras 2.0.8's LSTM forward, and backward through time. The inputs' products
 * with the kernel are one matrix product for all steps, and so are the kernels' gradients after the backward
 * loop. Each step makes one product with the recurrent kernel (ND4J's gemm) and does its gates' element-wise
 * work in plain Java, over the few thousand numbers of the step, where ND4J would make a native call for each
 * operation. The gates' activations and the cells stay in Java arrays, time-major like the rest:
 * [steps, batch, 4 units] and [steps + 1, batch, units].
 */
public class LstmImpl extends KerasRecurrentImpl<Lstm> {

    /** The training forward pass, kept for backprop. */
    private Pass pass;

    public LstmImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether the layer computes {@code activation} for its gates: Keras' hard sigmoid, or the sigmoid. */
    static boolean computesGate(IActivation activation) {
        return activation instanceof ActivationHardSigmoid || activation instanceof ActivationSigmoid;
    }

    /** What backprop needs of a forward pass. */
    private static final class Pass {
        int steps;
        int batch;
        int units;
        /** The input, time-major: [steps * batch, features]. */
        INDArray inputs;
        /** [steps + 1, batch, units]: h_0 = 0, then each step's state. */
        INDArray states;
        /** [steps, batch, 4 units]: the activations of the gates i, f, the candidate c and the gate o. */
        double[] gates;
        /** [steps + 1, batch, units]: c_0 = 0, then each step's cell. */
        double[] cells;
        /** [steps, batch, units]: tanh of each step's cell. */
        double[] cellTanh;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        Pass forward = forward(training, workspaceMgr);
        pass = training ? forward : null;
        return output(forward.states, workspaceMgr);
    }

    private Pass forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray recurrentKernel = getParamWithNoise(RECURRENT_KERNEL, training, workspaceMgr);
        DataType type = recurrentKernel.dataType();
        boolean hard = layerConf().getRecurrentActivationFn() instanceof ActivationHardSigmoid;
        Pass p = new Pass();
        p.batch = Math.toIntExact(input.size(0));
        p.steps = Math.toIntExact(input.size(2));
        p.units = Math.toIntExact(layerConf().getNOut());
        int u = p.units;
        int rows = p.batch * u;
        int gateRows = 4 * rows;
        Kept kept = new Kept(training, workspaceMgr, type);
        p.inputs = timeMajorInput(kept, type);

        INDArray projected = projected(p.inputs, training, workspaceMgr);
        p.states = kept.zeros(p.steps + 1, p.batch, u);
        p.gates = new double[p.steps * gateRows];
        p.cells = new double[(p.steps + 1) * rows];
        p.cellTanh = new double[p.steps * rows];

        INDArray recurrentProduct = Nd4j.createUninitialized(type, new long[] {p.batch, 4L * u}, 'c');
        ArrayMemory projectedMemory = ArrayMemory.of(projected);
        ArrayMemory recurrentMemory = ArrayMemory.of(recurrentProduct);
        ArrayMemory statesMemory = ArrayMemory.of(p.states);
        double[] pre = new double[gateRows];
        double[] x = new double[gateRows];
        double[] h = new double[rows];
        for (int t = 0; t < p.steps; t++) {
            Nd4j.gemm(p.states.slice(t), recurrentKernel, recurrentProduct, false, false, 1.0, 0.0);
            recurrentMemory.read(0, pre, gateRows);
            projectedMemory.read((long) t * gateRows, x, gateRows);
            int gatesAt = t * gateRows;
            int cellsAt = t * rows;
            for (int b = 0; b < p.batch; b++) {
                int row = b * 4 * u;
                for (int j = 0; j < u; j++) {
                    int k = row + j;
                    double i = gate(x[k] + pre[k], hard);
                    double f = gate(x[k + u] + pre[k + u], hard);
                    double candidate = Math.tanh(x[k + 2 * u] + pre[k + 2 * u]);
                    double o = gate(x[k + 3 * u] + pre[k + 3 * u], hard);
                    p.gates[gatesAt + k] = i;
                    p.gates[gatesAt + k + u] = f;
                    p.gates[gatesAt + k + 2 * u] = candidate;
                    p.gates[gatesAt + k + 3 * u] = o;
                    int cell = b * u + j;
                    double c = f * p.cells[cellsAt + cell] + i * candidate;
                    double tanhC = Math.tanh(c);
                    p.cells[cellsAt + rows + cell] = c;
                    p.cellTanh[cellsAt + cell] = tanhC;
                    h[cell] = o * tanhC;
                }
            }
            statesMemory.write(h, (long) (t + 1) * rows, rows);
        }
        return p;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInput();
        Pass p = pass != null ? pass : forward(true, workspaceMgr);
        pass = null;
        INDArray recurrentKernel = getParamWithNoise(RECURRENT_KERNEL, true, workspaceMgr);
        DataType type = recurrentKernel.dataType();
        boolean hard = layerConf().getRecurrentActivationFn() instanceof ActivationHardSigmoid;
        int u = p.units;
        int rows = p.batch * u;
        int gateRows = 4 * rows;
        GradientFromAbove above = new GradientFromAbove(epsilon, layerConf().isReturnSequences(), p.steps, type);
        // the gradient with respect to the gates' pre-activations, [steps, batch, 4 units]
        INDArray preGradients = Nd4j.createUninitialized(type, new long[] {p.steps, p.batch, 4L * u}, 'c');
        ArrayMemory preGradientsMemory = ArrayMemory.of(preGradients);
        INDArray recurrentGradient = Nd4j.createUninitialized(type, new long[] {p.batch, u}, 'c');
        ArrayMemory recurrentGradientMemory = ArrayMemory.of(recurrentGradient);
        double[] dh = new double[rows];
        double[] dc = new double[rows];
        double[] dPre = new double[gateRows];
        for (int t = p.steps - 1; t >= 0; t--) {
            above.addTo(t, dh);
            int gatesAt = t * gateRows;
            int cellsAt = t * rows;
            for (int b = 0; b < p.batch; b++) {
                int row = b * 4 * u;
                for (int j = 0; j < u; j++) {
                    int k = row + j;
                    int cell = b * u + j;
                    double i = p.gates[gatesAt + k];
                    double f = p.gates[gatesAt + k + u];
                    double candidate = p.gates[gatesAt + k + 2 * u];
                    double o = p.gates[gatesAt + k + 3 * u];
                    double tanhC = p.cellTanh[cellsAt + cell];
                    double dCell = dc[cell] + dh[cell] * o * (1 - tanhC * tanhC);
                    dPre[k] = dCell * candidate * gateDerivative(i, hard);
                    dPre[k + u] = dCell * p.cells[cellsAt + cell] * gateDerivative(f, hard);
                    dPre[k + 2 * u] = dCell * i * (1 - candidate * candidate);
                    dPre[k + 3 * u] = dh[cell] * tanhC * gateDerivative(o, hard);
                    dc[cell] = dCell * f;
                }
            }
            preGradientsMemory.write(dPre, (long) gatesAt, gateRows);
            // dh_tm1 = dPre · U^T
            Nd4j.gemm(preGradients.slice(t), recurrentKernel, recurrentGradient, false, true, 1.0, 0.0);
            recurrentGradientMemory.read(0, dh, rows);
        }

        return gradients(p.inputs, p.states, preGradients, workspaceMgr);
    }

    /** Keras' {@code hard_sigmoid}, clip(0.2 x + 0.5, 0, 1), or the sigmoid. */
    private static double gate(double x, boolean hard) {
        return hard ? Math.min(1, Math.max(0, 0.2 * x + 0.5)) : 1 / (1 + Math.exp(-x));
    }

    /** The gate's derivative from its output {@code a}: 0.2 where the hard sigmoid is not clipped, or a (1 - a). */
    private static double gateDerivative(double a, boolean hard) {
        return hard ? (a > 0 && a < 1 ? 0.2 : 0) : a * (1 - a);
    }

    @Override
    public void clear() {
        super.clear();
        pass = null;
    }
}
