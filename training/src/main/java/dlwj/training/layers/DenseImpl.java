package dlwj.training.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The working half of {@link Dense}: forward as DL4J's dense layer, backward without repeated work. */
public class DenseImpl extends BaseLayer<Dense> {

    /** The training forward pass's pre-activation, kept (in the activations workspace) for backprop. */
    private INDArray preActivation;

    public DenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
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
        INDArray z = preActivation != null ? preActivation : preOutput(true, workspaceMgr);
        preActivation = null;
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        if (maskArray != null) {
            applyMask(delta);
        }
        Gradient gradient = new DefaultGradient();
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGradient, 0);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

        INDArray inputGradient = null;
        if (getIndex() > 0) { // the network's input needs no gradient
            INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray transposed = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {weights.size(0), delta.size(0)}, 'f');
            inputGradient = backpropDropOutIfPresent(weights.mmuli(delta.transpose(), transposed).transpose());
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
    }
}
