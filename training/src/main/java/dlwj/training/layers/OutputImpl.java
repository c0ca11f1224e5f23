package dlwj.training.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The working half of {@link Output}. In a training step DL4J asks the output layer for its gradient and then
 * for its score, each of which computes the pre-activation in DL4J's layer; here the gradient's pre-activation
 * is kept for the score (a copy outside DL4J's workspaces, which the backward pass's scratch memory would
 * overwrite) and used once. Small regression steps (identity output, MSE or MAE without weights or masks,
 * float, batch x inputs x outputs up to {@link SmallDense#MAX_WORK}) are computed in Java, loss included, with
 * DL4J's definitions: MSE and MAE average over the outputs of a sample, their sum over the batch is the loss,
 * and the gradient is not divided by the batch (DL4J's updater does that).
 */
public class OutputImpl extends org.deeplearning4j.nn.layers.OutputLayer {

    /** The small path's pre-activation from the gradient's forward pass, row-major, for the score. */
    private float[] smallPreActivation;
    /** The ND4J path's: a copy out of the workspaces (reused from step to step), valid while {@link #kept}. */
    private INDArray keptPreActivation;
    private boolean kept;
    private boolean inBackprop;

    public OutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        forget();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!small(false)) {
            return super.activate(training, workspaceMgr);
        }
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), weights().size(1)}, 'c');
        SmallDense.write(smallForward(), output); // identity activation
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        forget();
        if (!small(true)) {
            inBackprop = true;
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                inBackprop = false;
            }
        }
        INDArray weights = weights();
        int batch = (int) input.size(0);
        int inputs = (int) weights.size(0);
        int outputs = (int) weights.size(1);
        float[] x = SmallDense.read(input);
        float[] w = SmallDense.read(weights);
        float[] z = SmallDense.preActivation(x, w, SmallDense.read(params.get(DefaultParamInitializer.BIAS_KEY)),
                batch, inputs, outputs);
        smallPreActivation = z;
        float[] delta = lossGradient(z, SmallDense.read(labels), outputs);
        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        SmallDense.write(SmallDense.weightGradient(x, delta, batch, inputs, outputs), weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        SmallDense.write(SmallDense.biasGradient(delta, batch, outputs), biasGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, inputs}, 'c');
        SmallDense.write(SmallDense.inputGradient(delta, w, batch, inputs, outputs), inputGradient);
        return new Pair<>(gradient, inputGradient);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!small(true)) {
            double score = super.computeScore(fullNetRegTerm, training, workspaceMgr);
            forget();
            return score;
        }
        float[] z = smallPreActivation != null ? smallPreActivation : smallForward();
        forget();
        double loss = lossSum(z, SmallDense.read(labels), (int) weights().size(1));
        if (conf().isMiniBatch()) {
            loss /= getInputMiniBatchSize();
        }
        this.score = loss + fullNetRegTerm;
        return score;
    }

    /** DL4J's pre-activation, kept from the gradient's computation for the score that follows it. */
    @Override
    protected INDArray preOutput2d(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (kept && !inBackprop) {
            kept = false;
            return keptPreActivation;
        }
        INDArray z = super.preOutput2d(training, workspaceMgr);
        if (inBackprop) {
            // the loss' gradient overwrites z (activations backprop in place), so the score needs a copy
            if (keptPreActivation == null || !keptPreActivation.equalShapes(z) || keptPreActivation.dataType() != z.dataType()) {
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    keptPreActivation = Nd4j.createUninitialized(z.dataType(), z.shape(), 'c');
                }
            }
            keptPreActivation.assign(z);
            kept = true;
        }
        return z;
    }

    @Override
    public void clear() {
        super.clear();
        forget();
        keptPreActivation = null;
    }

    private void forget() {
        smallPreActivation = null;
        kept = false;
    }

    private INDArray weights() {
        return params.get(DefaultParamInitializer.WEIGHT_KEY);
    }

    private float[] smallForward() {
        INDArray weights = weights();
        return SmallDense.preActivation(SmallDense.read(input), SmallDense.read(weights),
                SmallDense.read(params.get(DefaultParamInitializer.BIAS_KEY)), (int) input.size(0),
                (int) weights.size(0), (int) weights.size(1));
    }

    /**
     * Whether this step goes through {@link SmallDense}: identity output with MSE or MAE (without weights), no
     * masks, dropout, weight noise or layer normalisation, float arrays, a small product, and (for the loss)
     * labels of the outputs' shape.
     */
    private boolean small(boolean withLabels) {
        INDArray weights = weights();
        INDArray bias = params.get(DefaultParamInitializer.BIAS_KEY);
        ILossFunction loss = layerConf().getLossFn();
        boolean regression = loss.getClass() == LossMSE.class && ((LossMSE) loss).getWeights() == null
                || loss.getClass() == LossMAE.class && ((LossMAE) loss).getWeights() == null;
        return input != null && bias != null && maskArray == null && !hasLayerNorm()
                && layerConf().getActivationFn() instanceof ActivationIdentity && regression
                && layerConf().getIDropout() == null && layerConf().getWeightNoise() == null
                && SmallDense.fits(input.size(0), weights.size(0), weights.size(1), input, weights, bias)
                && input.size(1) == weights.size(0)
                && (!withLabels || labels != null && SmallDense.fits(0, 0, 0, labels)
                        && labels.size(0) == input.size(0) && labels.size(1) == weights.size(1));
    }

    /** The loss summed over the batch: per sample, the mean over the outputs of the squared or absolute error. */
    private double lossSum(float[] z, float[] y, int outputs) {
        boolean squared = layerConf().getLossFn() instanceof LossMSE;
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            float error = z[k] - y[k];
            sum += (squared ? error * error : Math.abs(error)) / outputs;
        }
        return sum;
    }

    /** The loss' gradient at the pre-activation (identity output): 2 (z - y) / outputs, or sign(z - y) / outputs. */
    private float[] lossGradient(float[] z, float[] y, int outputs) {
        boolean squared = layerConf().getLossFn() instanceof LossMSE;
        float[] delta = new float[z.length];
        for (int k = 0; k < z.length; k++) {
            float error = z[k] - y[k];
            delta[k] = (squared ? 2 * error : Math.signum(error)) / outputs;
        }
        return delta;
    }
}
