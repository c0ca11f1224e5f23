package dlwj.training.layers;

import static dlwj.training.layers.RecurrentParamInitializer.RECURRENT_KERNEL;

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
 * plain Java; backward, per step, the tanh's derivative and the product with the recurrent kernel's transpose.
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
        INDArray inputs = timeMajorInput(kept, type);
        int batch = Math.toIntExact(input.size(0));
        int steps = Math.toIntExact(input.size(2));
        int rows = batch * Math.toIntExact(layerConf().getNOut());
        INDArray states = kept.zeros(steps + 1, batch, layerConf().getNOut());

        ArrayMemory projected = ArrayMemory.of(projected(inputs, training, workspaceMgr));
        ArrayMemory statesMemory = ArrayMemory.of(states);
        double[] x = new double[rows];
        double[] h = new double[rows];
        double[] product = new double[rows];
        JavaActivation activation = activation();
        for (int t = 0; t < steps; t++) {
            recurrentKernel.multiply(h, batch, product);
            projected.read((long) t * rows, x, rows);
            for (int k = 0; k < rows; k++) {
                h[k] = activation.apply(x[k] + product[k]);
            }
            statesMemory.write(h, (long) (t + 1) * rows, rows);
        }
        Pass pass = new Pass();
        pass.inputs = inputs;
        pass.states = states;
        return pass;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pass pass = trainingPass(workspaceMgr);
        INDArray inputs = pass.inputs;
        INDArray states = pass.states;
        INDArray recurrentParameter = getParamWithNoise(RECURRENT_KERNEL, true, workspaceMgr);
        StepMatrix transposedRecurrentKernel = StepMatrix.of(recurrentParameter).transposed();
        DataType type = recurrentParameter.dataType();
        long steps = states.size(0) - 1;
        long batch = states.size(1);
        long units = states.size(2);
        int rows = Math.toIntExact(batch * units);
        GradientFromAbove above = new GradientFromAbove(epsilon, layerConf().isReturnSequences(), steps, type);
        INDArray preGradients = Nd4j.createUninitialized(type, new long[] {steps, batch, units}, 'c');
        ArrayMemory preGradientsMemory = ArrayMemory.of(preGradients);
        ArrayMemory statesMemory = ArrayMemory.of(states);
        double[] dh = new double[rows];
        double[] dPre = new double[rows];
        double[] h = new double[rows];
        JavaActivation activation = activation();
        for (long t = steps - 1; t >= 0; t--) {
            above.addTo(t, dh);
            statesMemory.read((t + 1) * rows, h, rows);
            for (int k = 0; k < rows; k++) {
                dPre[k] = dh[k] * activation.derivativeFromOutput(h[k]);
            }
            preGradientsMemory.write(dPre, t * rows, rows);
            // dh_tm1 = dPre · U^T
            transposedRecurrentKernel.multiply(dPre, (int) batch, dh);
        }
        return gradients(inputs, states, preGradients, workspaceMgr);
    }
}
