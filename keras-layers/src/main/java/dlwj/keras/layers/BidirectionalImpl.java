package dlwj.keras.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The working half of {@link Bidirectional}: DL4J's bidirectional layer gives [batch, 2 units, steps], the
 * forward outputs then the backward ones in forward order; this keeps the forward outputs' last step and the
 * backward outputs' first, and puts the gradient back at those two steps.
 */
public class BidirectionalImpl extends BaseWrapperLayer {

    private long[] sequenceShape;

    public BidirectionalImpl(Layer underlying) {
        super(underlying);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return lastStates(underlying.activate(training, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return lastStates(underlying.activate(input, training, workspaceMgr), workspaceMgr);
    }

    private INDArray lastStates(INDArray sequences, LayerWorkspaceMgr workspaceMgr) {
        sequenceShape = sequences.shape();
        long units = sequenceShape[1] / 2;
        long steps = sequenceShape[2];
        INDArray states = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, sequences.dataType(),
                new long[] {sequenceShape[0], 2 * units}, 'c');
        states.get(all(), interval(0, units)).assign(sequences.get(all(), interval(0, units), point(steps - 1)));
        states.get(all(), interval(units, 2 * units)).assign(sequences.get(all(), interval(units, 2 * units),
                point(0)));
        return states;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        long units = sequenceShape[1] / 2;
        long steps = sequenceShape[2];
        INDArray sequencesGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), sequenceShape,
                'f');
        sequencesGradient.get(all(), interval(0, units), point(steps - 1)).assign(epsilon.get(all(), interval(0, units)));
        sequencesGradient.get(all(), interval(units, 2 * units), point(0))
                .assign(epsilon.get(all(), interval(units, 2 * units)));
        return underlying.backpropGradient(sequencesGradient, workspaceMgr);
    }

    /** A sequence mask is not supported: the book pads its sequences. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                         int minibatchSize) {
        if (maskArray != null) {
            throw new IllegalArgumentException("Bidirectional takes sequences of one length, without a mask");
        }
        return new Pair<>(null, currentMaskState);
    }
}
