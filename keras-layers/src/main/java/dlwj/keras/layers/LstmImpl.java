package dlwj.keras.layers;

import static dlwj.keras.layers.RecurrentParamInitializer.RECURRENT_KERNEL;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Lstm}: Keras 2.0.8's LSTM forward, and backward through time. The inputs' products
 * with the kernel are one matrix product for all steps, and so are the kernels' gradients after the backward
 * loop. Each step makes one product with the recurrent kernel ({@link StepMatrix}: Java or gemm by size) and
 * does its gates' element-wise work in plain Java over the few thousand numbers of the step, where ND4J would
 * make a native call for each operation; the loops over time run by parts of the batch on all cores
 * ({@link BatchParts}). The gates' activations and the cells stay in Java arrays, time-major like the rest:
 * [steps, batch, 4 units] and [steps + 1, batch, units].
 */
public class LstmImpl extends KerasRecurrentImpl<Lstm, LstmImpl.LstmPass> {

    public LstmImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What backprop needs of a forward pass. */
    static final class LstmPass extends KerasRecurrentImpl.Pass {
        int steps;
        int batch;
        int units;
        /** [steps, batch, 4 units]: the activations of the gates i, f, the candidate c and the gate o. */
        double[] gates;
        /** [steps + 1, batch, units]: c_0 = 0, then each step's cell. */
        double[] cells;
        /** [steps, batch, units]: the activation (tanh) of each step's cell. */
        double[] activatedCells;
    }

    @Override
    LstmPass forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray recurrentParameter = getParamWithNoise(RECURRENT_KERNEL, training, workspaceMgr);
        StepMatrix recurrentKernel = StepMatrix.of(recurrentParameter);
        DataType type = recurrentParameter.dataType();
        LstmPass p = new LstmPass();
        p.batch = Math.toIntExact(input.size(0));
        p.steps = Math.toIntExact(input.size(2));
        p.units = Math.toIntExact(layerConf().getNOut());
        int rows = p.batch * p.units;
        Kept kept = new Kept(training, workspaceMgr, type);
        p.inputs = timeMajorInput(kept, type);

        INDArray projected = projected(p.inputs, training, workspaceMgr);
        p.states = kept.zeros(p.steps + 1, p.batch, p.units);
        p.gates = new double[p.steps * 4 * rows];
        p.cells = new double[(p.steps + 1) * rows];
        p.activatedCells = new double[p.steps * rows];
        overExamples(p.batch, recurrentKernel, (from, to) -> forward(p, projected, recurrentKernel, from, to));
        return p;
    }

    /** The forward loop over every step for the examples {@code from} to {@code to}. */
    private void forward(LstmPass p, INDArray projected, StepMatrix recurrentKernel, int from, int to) {
        JavaActivation gates = gateActivation();
        JavaActivation activation = activation();
        int u = p.units;
        int rows = p.batch * u;
        int gateRows = 4 * rows;
        ArrayMemory projectedMemory = ArrayMemory.of(projected);
        ArrayMemory statesMemory = ArrayMemory.of(p.states);
        double[] pre = new double[gateRows];
        double[] x = new double[gateRows];
        double[] h = new double[rows];
        for (int t = 0; t < p.steps; t++) {
            recurrentKernel.multiply(h, from, to, pre);
            projectedMemory.read((long) t * gateRows + from * 4 * u, x, from * 4 * u, (to - from) * 4 * u);
            int gatesAt = t * gateRows;
            int cellsAt = t * rows;
            for (int b = from; b < to; b++) {
                int row = b * 4 * u;
                for (int j = 0; j < u; j++) {
                    int k = row + j;
                    double i = gates.apply(x[k] + pre[k]);
                    double f = gates.apply(x[k + u] + pre[k + u]);
                    double candidate = activation.apply(x[k + 2 * u] + pre[k + 2 * u]);
                    double o = gates.apply(x[k + 3 * u] + pre[k + 3 * u]);
                    p.gates[gatesAt + k] = i;
                    p.gates[gatesAt + k + u] = f;
                    p.gates[gatesAt + k + 2 * u] = candidate;
                    p.gates[gatesAt + k + 3 * u] = o;
                    int cell = b * u + j;
                    double c = f * p.cells[cellsAt + cell] + i * candidate;
                    double activatedCell = activation.apply(c);
                    p.cells[cellsAt + rows + cell] = c;
                    p.activatedCells[cellsAt + cell] = activatedCell;
                    h[cell] = o * activatedCell;
                }
            }
            statesMemory.write(h, from * u, (long) (t + 1) * rows + from * u, (to - from) * u);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        LstmPass p = trainingPass(workspaceMgr);
        INDArray recurrentParameter = getParamWithNoise(RECURRENT_KERNEL, true, workspaceMgr);
        StepMatrix transposedRecurrentKernel = StepMatrix.of(recurrentParameter).transposed();
        DataType type = recurrentParameter.dataType();
        GradientFromAbove above = new GradientFromAbove(epsilon, layerConf().isReturnSequences(), p.steps, type);
        // the gradient with respect to the gates' pre-activations, [steps, batch, 4 units]
        INDArray preGradients = Nd4j.createUninitialized(type, new long[] {p.steps, p.batch, 4L * p.units}, 'c');
        overExamples(p.batch, transposedRecurrentKernel,
                (from, to) -> backward(p, above, transposedRecurrentKernel, preGradients, from, to));
        return gradients(p.inputs, p.states, preGradients, workspaceMgr);
    }

    /** The backward loop over every step, from the last, for the examples {@code from} to {@code to}. */
    private void backward(LstmPass p, GradientFromAbove gradientFromAbove, StepMatrix transposedRecurrentKernel,
                          INDArray preGradients, int from, int to) {
        JavaActivation gates = gateActivation();
        JavaActivation activation = activation();
        int u = p.units;
        int rows = p.batch * u;
        int gateRows = 4 * rows;
        GradientFromAbove.Reader above = gradientFromAbove.rows(from, to, u);
        ArrayMemory preGradientsMemory = ArrayMemory.of(preGradients);
        double[] dh = new double[rows];
        double[] dc = new double[rows];
        double[] dPre = new double[gateRows];
        for (int t = p.steps - 1; t >= 0; t--) {
            above.addTo(t, dh);
            int gatesAt = t * gateRows;
            int cellsAt = t * rows;
            for (int b = from; b < to; b++) {
                int row = b * 4 * u;
                for (int j = 0; j < u; j++) {
                    int k = row + j;
                    int cell = b * u + j;
                    double i = p.gates[gatesAt + k];
                    double f = p.gates[gatesAt + k + u];
                    double candidate = p.gates[gatesAt + k + 2 * u];
                    double o = p.gates[gatesAt + k + 3 * u];
                    double activatedCell = p.activatedCells[cellsAt + cell];
                    double dCell = dc[cell] + dh[cell] * o * activation.derivativeFromOutput(activatedCell);
                    dPre[k] = dCell * candidate * gates.derivativeFromOutput(i);
                    dPre[k + u] = dCell * p.cells[cellsAt + cell] * gates.derivativeFromOutput(f);
                    dPre[k + 2 * u] = dCell * i * activation.derivativeFromOutput(candidate);
                    dPre[k + 3 * u] = dh[cell] * activatedCell * gates.derivativeFromOutput(o);
                    dc[cell] = dCell * f;
                }
            }
            preGradientsMemory.write(dPre, from * 4 * u, (long) gatesAt + from * 4 * u, (to - from) * 4 * u);
            // dh_tm1 = dPre · U^T
            transposedRecurrentKernel.multiply(dPre, from, to, dh);
        }
    }
}
