package dlwj.training.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * What the working halves of {@link KerasRecurrent} layers share: the input turned time-major, [steps * batch,
 * features] with a step's rows contiguous (row t * batch + i for step t of example i); the output taken from
 * the states [steps + 1, batch, units] (h_0 first); the input's gradient given back in DL4J's layout; where a
 * forward pass keeps what backprop reads; and the refusal of masks.
 */
abstract class KerasRecurrentImpl<L extends KerasRecurrent> extends BaseLayer<L> {

    KerasRecurrentImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Checks the input, [batch, features, time], and refuses a mask. */
    void checkInput() {
        rejectMask(maskArray);
        if (input.rank() != 3) {
            throw new IllegalArgumentException(layerConf().getClass().getSimpleName()
                    + " takes [batch, features, time]; given " + input.shapeInfoToString());
        }
    }

    /** The input, time-major: [steps * batch, features], in {@code type}. */
    INDArray timeMajorInput(Kept kept, DataType type) {
        return kept.dup(input.castTo(type).permute(2, 0, 1)).reshape('c', input.size(2) * input.size(0),
                input.size(1));
    }

    /** The layer's output from the states [steps + 1, batch, units]: every step's, or the last one. */
    INDArray output(INDArray states, LayerWorkspaceMgr workspaceMgr) {
        long steps = states.size(0) - 1;
        if (layerConf().isReturnSequences()) {
            // every state, [batch, units, time], in 'f' order as DL4J's recurrent layers give it
            return workspaceMgr.dup(ArrayType.ACTIVATIONS,
                    states.get(interval(1, steps + 1), all(), all()).permute(1, 2, 0), 'f');
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, states.slice(steps), 'c');
    }

    /** The input's gradient, time-major [steps * batch, features], in DL4J's layout [batch, features, time]. */
    INDArray inputGradient(INDArray timeMajor, long steps, LayerWorkspaceMgr workspaceMgr) {
        INDArray inputSteps = timeMajor.reshape('c', steps, timeMajor.size(0) / steps, timeMajor.size(1));
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputSteps.permute(1, 2, 0), 'f');
    }

    /** Columns {@code gate * units} to {@code (gate + 1) * units}: one gate's block of the kernels. */
    static INDArrayIndex gateColumns(int gate, long units) {
        return interval(gate * units, (gate + 1) * units);
    }

    /** Where the arrays a pass keeps go: the activations workspace in training (backprop reads them later). */
    record Kept(boolean training, LayerWorkspaceMgr workspaceMgr, DataType type) {

        INDArray array(long... shape) {
            return training ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, type, shape, 'c')
                    : Nd4j.createUninitialized(type, shape, 'c');
        }

        INDArray zeros(long... shape) {
            return training ? workspaceMgr.create(ArrayType.ACTIVATIONS, type, shape, 'c') : Nd4j.create(type, shape);
        }

        INDArray dup(INDArray array) {
            return training ? workspaceMgr.dup(ArrayType.ACTIVATIONS, array, 'c') : array.dup('c');
        }
    }

    /** Masks: not supported (the book pads its sequences to one length). */
    private void rejectMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException(layerConf().getClass().getSimpleName() + " does not support "
                    + "masks (sequences of different lengths): pad the sequences to one length, as the book does, "
                    + "and give no mask");
        }
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        rejectMask(maskArray);
        super.setMaskArray(null);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        rejectMask(maskArray);
        return null;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
