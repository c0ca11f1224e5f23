package dlwj.keras.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Dense}: forward as DL4J's dense layer, backward without repeated work. Small
 * products (one sample of Boston housing: batch x inputs x outputs up to {@link SmallDense#MAX_WORK}) are
 * computed in plain Java over the arrays' buffers, larger ones by ND4J's gemm, with the element-wise work
 * around them in Java ({@link DenseElementWise}) for float layers with ReLU or no activation; other layers go
 * through DL4J's operations.
 */
public class DenseImpl extends BaseLayer<Dense> {

    /** The training forward pass's pre-activation, kept (in the activations workspace) for backprop. */
    private INDArray preActivation;

    /** The same for the small path: the forward pass's input and pre-activation, row-major. */
    private float[] smallInput;
    private float[] smallPreActivation;

    /** The bias, activation and their gradients for the large float path; null until first used. */
    private DenseElementWise elementWise;

    public DenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        smallInput = null;
        smallPreActivation = null;
        preActivation = null;
        if (elementWise != null) {
            elementWise.forget();
        }
        if (plain()) {
            return small() ? activateSmall(training, workspaceMgr) : activatePlain(training, workspaceMgr);
        }
        INDArray z = preOutput(training, workspaceMgr);
        // the activation function works in place on z, so backprop needs its own copy
        preActivation = training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, z) : null;
        INDArray output = layerConf().getActivationFn().getActivation(z, training);
        if (maskArray != null) {
            applyMask(output);
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (smallPreActivation != null && small()) {
            return backpropSmall(epsilon, workspaceMgr);
        }
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        INDArray delta;
        if (elementWise != null && elementWise.canBackprop(epsilon) && plain()) {
            delta = elementWise.backward(epsilon, biasGradient, workspaceMgr);
        } else {
            INDArray z = preActivation != null ? preActivation : preOutput(true, workspaceMgr);
            delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            if (maskArray != null) {
                applyMask(delta);
            }
            delta.sum(biasGradient, 0);
        }
        preActivation = null;
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

        INDArray inputGradient = null;
        if (InputGradient.wanted(getIndex())) {
            INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray transposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {weights.size(0), delta.size(0)}, 'f');
            inputGradient = backpropDropOutIfPresent(weights.mmuli(delta.transpose(), transposed).transpose());
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, inputGradient);
    }

    /**
     * Whether this step's element-wise work is done in Java: float 2-d input, weights and bias, identity or
     * ReLU, and none of what DL4J's forward pass adds (dropout, weight noise, masks, layer normalisation).
     */
    private boolean plain() {
        return SmallDense.plainStep(input, params.get(DefaultParamInitializer.WEIGHT_KEY),
                params.get(DefaultParamInitializer.BIAS_KEY), maskArray != null || hasLayerNorm(), layerConf())
                && SmallDense.supports(layerConf().getActivationFn());
    }

    /** Whether this (plain) step's products are small enough for {@link SmallDense}'s loops. */
    private boolean small() {
        return SmallDense.small(input, params.get(DefaultParamInitializer.WEIGHT_KEY));
    }

    /**
     * ND4J's product, then the bias and the activation in one Java pass. The product goes into a row-major array:
     * for the book's large layers libnd4j's gemm is as fast or faster that way (up to twice for IMDB's
     * [512, 10000] x [10000, 16]).
     */
    private INDArray activatePlain(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = params.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), weights.size(1)}, 'c');
        Nd4j.gemm(input, weights, output, false, false, 1.0, 0.0);
        if (elementWise == null) {
            elementWise = new DenseElementWise(!(layerConf().getActivationFn() instanceof ActivationIdentity));
        }
        elementWise.forward(output, params.get(DefaultParamInitializer.BIAS_KEY), training);
        return output;
    }

    private INDArray activateSmall(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = params.get(DefaultParamInitializer.WEIGHT_KEY);
        int batch = (int) input.size(0);
        int inputs = (int) weights.size(0);
        int outputs = (int) weights.size(1);
        float[] x = SmallDense.read(input);
        float[] z = SmallDense.preActivation(x, SmallDense.read(weights),
                SmallDense.read(params.get(DefaultParamInitializer.BIAS_KEY)), batch, inputs, outputs);
        if (training) {
            smallInput = x;
            smallPreActivation = z;
        }
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {batch, outputs}, 'c');
        SmallDense.write(SmallDense.activate(layerConf().getActivationFn(), z), output);
        return output;
    }

    private Pair<Gradient, INDArray> backpropSmall(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        float[] x = smallInput;
        float[] z = smallPreActivation;
        smallInput = null;
        smallPreActivation = null;
        INDArray weights = params.get(DefaultParamInitializer.WEIGHT_KEY);
        int batch = (int) input.size(0);
        int inputs = (int) weights.size(0);
        int outputs = (int) weights.size(1);
        float[] delta = SmallDense.delta(layerConf().getActivationFn(), z, SmallDense.read(epsilon));
        Gradient gradient = new DefaultGradient();
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        SmallDense.write(SmallDense.biasGradient(delta, batch, outputs), biasGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        SmallDense.write(SmallDense.weightGradient(x, delta, batch, inputs, outputs), weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

        INDArray inputGradient = null;
        if (InputGradient.wanted(getIndex())) {
            inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                    new long[] {batch, inputs}, 'c');
            SmallDense.write(SmallDense.inputGradient(delta, SmallDense.read(weights), batch, inputs, outputs),
                    inputGradient);
        }
        weightNoiseParams.clear();
        return new Pair<>(gradient, inputGradient);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clear() {
        super.clear();
        preActivation = null;
        smallInput = null;
        smallPreActivation = null;
        if (elementWise != null) {
            elementWise.forget();
        }
    }
}
