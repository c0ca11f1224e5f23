package dlwj.training;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Keras 2.0.8's {@code categorical_crossentropy} (TensorFlow backend), {@code -sum(y * log(p))} with the
 * probabilities clipped to {@code [epsilon, 1 - epsilon]}. DL4J's {@code LossMCXENT} scores the same, and on a
 * softmax output takes its gradient as {@code p - y}, which is the gradient only when each sample's targets sum
 * to one (one-hot labels). Listing 7.1 trains on uniform random targets: here they get TensorFlow's gradient,
 * {@code p * sum(y) - y}, the same as DL4J's for one-hot labels.
 */
public class KerasCategoricalCrossentropy extends LossMCXENT {

    /** For DL4J's JSON configuration format. */
    public KerasCategoricalCrossentropy() {
        this(KerasDefaults.EPSILON);
    }

    public KerasCategoricalCrossentropy(double epsilon) {
        super(epsilon, null);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray gradient = super.computeGradient(labels, preOutput, activationFn, mask);
        if (!(activationFn instanceof ActivationSoftmax)) {
            return gradient;
        }
        // DL4J's gradient is p - y (masked); add p * (sum(y) - 1), which is zero for one-hot labels
        INDArray output = activationFn.getActivation(preOutput.dup(), false);
        INDArray surplus = labels.sum(true, 1).subi(1);
        INDArray correction = output.muliColumnVector(surplus.castTo(output.dataType()));
        if (mask != null) {
            correction.muliColumnVector(mask.reshape(mask.length(), 1).castTo(output.dataType()));
        }
        return gradient.addi(correction);
    }
}
