package dlwj.training;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Keras 2.0.8's {@code binary_crossentropy} (TensorFlow backend): the output clipped to {@code [epsilon, 1 -
 * epsilon]}, then the cross-entropy. DL4J's {@code LossBinaryXENT} scores the same and, on a sigmoid output,
 * has the same gradient; on any other output it also clips but differentiates as if it had not, so an output
 * past the clip still gets a gradient (about -1 beyond 1 for a positive label, about 1/epsilon for a negative
 * one) where TensorFlow's {@code clip_by_value} gives none. The book's 1D convnet on IMDB (listing 6.46) ends in
 * a linear {@code Dense(1)} with this loss, and trains as it does because of that: here it gets Keras' gradient.
 */
public class KerasBinaryCrossentropy extends LossBinaryXENT {

    /** For DL4J's JSON configuration format. */
    public KerasBinaryCrossentropy() {
        this(KerasDefaults.EPSILON);
    }

    public KerasBinaryCrossentropy(double epsilon) {
        super(epsilon);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray gradient = super.computeGradient(labels, preOutput, activationFn, mask);
        if (activationFn instanceof ActivationSigmoid) {
            return gradient;
        }
        INDArray output = activationFn.getActivation(preOutput.dup(), false);
        double epsilon = getClipEps();
        INDArray insideClip = output.gt(epsilon).castTo(gradient.dataType())
                .muli(output.lt(1 - epsilon).castTo(gradient.dataType()));
        return gradient.muli(insideClip);
    }
}
