package dlwj.training;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Keras 2.0.8's {@code binary_crossentropy} (TensorFlow backend): the output clipped to {@code [epsilon, 1 -
 * epsilon]}, then the cross-entropy, averaged over a sample's outputs ({@code K.mean(..., axis=-1)}). DL4J's
 * {@code LossBinaryXENT} sums a sample's outputs instead: the two agree on one output (the book's classifiers) and
 * differ by the number of outputs on several (the VAE of section 8.4 scores 784 pixels). On a sigmoid output DL4J's
 * gradient is Keras'; on any other output it also clips but differentiates as if it had not, so an output
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
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return super.computeScore(labels, preOutput, activationFn, mask, average) / labels.size(1);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return super.computeScoreArray(labels, preOutput, activationFn, mask).divi(labels.size(1));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray gradient = super.computeGradient(labels, preOutput, activationFn, mask).divi(labels.size(1));
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
