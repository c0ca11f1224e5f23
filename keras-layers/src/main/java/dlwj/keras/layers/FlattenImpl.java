package dlwj.keras.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The working half of {@link Flatten}: [batch, features, steps] to [batch, steps * features] in Keras' order
 * (a transpose of each sample, then a reshape), and the transpose back for the gradient.
 */
public class FlattenImpl extends AbstractLayer<Flatten> {

    public FlattenImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long batch = input.size(0);
        long features = input.size(1);
        long steps = input.size(2);
        INDArray stepsFirst = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {batch, steps, features}, 'c');
        stepsFirst.assign(input.permute(0, 2, 1));
        return stepsFirst.reshape('c', batch, steps * features);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                input.shape(), 'c');
        inputGradient.assign(epsilon.reshape('c', input.size(0), input.size(2), input.size(1)).permute(0, 2, 1));
        return new Pair<>(new DefaultGradient(), inputGradient);
    }

    /** A flat row has no steps left to mask. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                         int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }
}
