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
 * The working half of {@link SimpleRnn}, as {@link LstmImpl} works: the inputs' products with the kernel in one
 * matrix product, then per step the product with the recurrent kernel ({@link StepMatrix}) and the tanh in
 * plain Java; backward, per step, the tanh's derivative and the product with the recurrent kernel's transpose;
 * both loops by parts of the batch on all cores.
 */
public class SimpleRnnImpl extends KerasRecurrentImpl<SimpleRnn, KerasRecurrentImpl.Pass> {

    public SimpleRnnImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    Pass forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray recurrentParameter = getParamWithNoise(RECURRENT_KERNEL, training, workspaceMgr);
        StepMatrix recurrentKernel = StepMatrix.of(recurrentParameter);
        DataType type = recurrentParameter.dataType();
        Kept kept = new Kept(training, workspaceMgr, type);
        int batch = Math.toIntExact(input.size(0));
        int steps = Math.toIntExact(input.size(2));
        int units = Math.toIntExact(layerConf().getNOut());
        Pass pass = new Pass();
        pass.inputs = timeMajorInput(kept, type);
        pass.states = kept.zeros(steps + 1, batch, units);
        INDArray projected = projected(pass.inputs, training, workspaceMgr);
        overExamples(batch, recurrentKernel, (from, to) -> {
            ArrayMemory projectedMemory = ArrayMemory.of(projected);
            ArrayMemory statesMemory = ArrayMemory.of(pass.states);
            int rows = batch * units;
            int at = from * units;
            int count = (to - from) * units;
            double[] x = new double[rows];
            double[] h = new double[rows];
            double[] product = new double[rows];
            JavaActivation activation = activation();
            for (int t = 0; t < steps; t++) {
                recurrentKernel.multiply(h, from, to, product);
                projectedMemory.read((long) t * rows + at, x, at, count);
                for (int k = at; k < at + count; k++) {
                    h[k] = activation.apply(x[k] + product[k]);
                }
                statesMemory.write(h, at, (long) (t + 1) * rows + at, count);
            }
        });
        return pass;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pass pass = trainingPass(workspaceMgr);
        INDArray states = pass.states;
        INDArray recurrentParameter = getParamWithNoise(RECURRENT_KERNEL, true, workspaceMgr);
        StepMatrix transposedRecurrentKernel = StepMatrix.of(recurrentParameter).transposed();
        DataType type = recurrentParameter.dataType();
        int steps = Math.toIntExact(states.size(0) - 1);
        int batch = Math.toIntExact(states.size(1));
        int units = Math.toIntExact(states.size(2));
        GradientFromAbove gradientFromAbove =
                new GradientFromAbove(epsilon, layerConf().isReturnSequences(), steps, type);
        INDArray preGradients = Nd4j.createUninitialized(type, new long[] {steps, batch, units}, 'c');
        overExamples(batch, transposedRecurrentKernel, (from, to) -> {
            GradientFromAbove.Reader above = gradientFromAbove.rows(from, to, units);
            ArrayMemory preGradientsMemory = ArrayMemory.of(preGradients);
            ArrayMemory statesMemory = ArrayMemory.of(states);
            int rows = batch * units;
            int at = from * units;
            int count = (to - from) * units;
            double[] dh = new double[rows];
            double[] dPre = new double[rows];
            double[] h = new double[rows];
            JavaActivation activation = activation();
            for (int t = steps - 1; t >= 0; t--) {
                above.addTo(t, dh);
                statesMemory.read((long) (t + 1) * rows + at, h, at, count);
                for (int k = at; k < at + count; k++) {
                    dPre[k] = dh[k] * activation.derivativeFromOutput(h[k]);
                }
                preGradientsMemory.write(dPre, at, (long) t * rows + at, count);
                // dh_tm1 = dPre · U^T
                transposedRecurrentKernel.multiply(dPre, from, to, dh);
            }
        });
        return gradients(pass.inputs, states, preGradients, workspaceMgr);
    }
}
