package dlwj.keras.layers;

import java.util.Optional;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * An output layer's activation and loss in plain Java over row-major [batch, outputs] values, with DL4J's
 * definitions, for the book's pairs: the identity with MSE or MAE (the mean over a sample's outputs), softmax with
 * categorical cross-entropy and sigmoid with binary cross-entropy (the probabilities clipped to [epsilon, 1 -
 * epsilon] for the loss, as DL4J's {@link LossMCXENT} and {@link LossBinaryXENT} clip them). The loss is summed
 * over the batch, and its gradient at the pre-activation is not divided by the batch (DL4J's updater does that).
 * Each of these is one pass over a few thousand numbers, where DL4J's loss functions take a dozen native calls.
 */
final class JavaLoss {

    private enum Kind { SQUARED_ERROR, ABSOLUTE_ERROR, SOFTMAX_CROSS_ENTROPY, SIGMOID_CROSS_ENTROPY }

    private final Kind kind;
    private final double epsilon;

    private JavaLoss(Kind kind, double epsilon) {
        this.kind = kind;
        this.epsilon = epsilon;
    }

    /** The Java form of this activation and loss, if it is one of the book's pairs without weights. */
    static Optional<JavaLoss> of(IActivation activation, ILossFunction loss) {
        if (activation instanceof ActivationIdentity && loss.getClass() == LossMSE.class
                && ((LossMSE) loss).getWeights() == null) {
            return Optional.of(new JavaLoss(Kind.SQUARED_ERROR, 0));
        }
        if (activation instanceof ActivationIdentity && loss.getClass() == LossMAE.class
                && ((LossMAE) loss).getWeights() == null) {
            return Optional.of(new JavaLoss(Kind.ABSOLUTE_ERROR, 0));
        }
        // dlwj.training.KerasCategoricalCrossentropy differs from LossMCXENT only for targets that do not sum to one
        if (activation instanceof ActivationSoftmax && loss instanceof LossMCXENT && !(loss instanceof LossSparseMCXENT)
                && ((LossMCXENT) loss).getWeights() == null) {
            return Optional.of(new JavaLoss(Kind.SOFTMAX_CROSS_ENTROPY, ((LossMCXENT) loss).getSoftmaxClipEps()));
        }
        // dlwj.training.KerasBinaryCrossentropy differs from LossBinaryXENT only off sigmoid outputs
        if (activation instanceof ActivationSigmoid && loss instanceof LossBinaryXENT
                && ((LossBinaryXENT) loss).getWeights() == null) {
            return Optional.of(new JavaLoss(Kind.SIGMOID_CROSS_ENTROPY, ((LossBinaryXENT) loss).getClipEps()));
        }
        return Optional.empty();
    }

    /**
     * Whether this Java form scores a layer of {@code outputs} outputs as its loss function does: the binary
     * cross-entropy of one output only, since Keras' ({@code dlwj.training.KerasBinaryCrossentropy}) averages a
     * sample's outputs where DL4J's sums them; several outputs go through the loss function itself.
     */
    boolean handles(long outputs) {
        return kind != Kind.SIGMOID_CROSS_ENTROPY || outputs == 1;
    }

    /** The layer's output for pre-activation {@code z}, as a new array. */
    float[] activate(float[] z, int outputs) {
        float[] a = z.clone();
        switch (kind) {
            case SOFTMAX_CROSS_ENTROPY -> softmaxInPlace(a, outputs);
            case SIGMOID_CROSS_ENTROPY -> {
                for (int k = 0; k < a.length; k++) {
                    a[k] = sigmoid(a[k]);
                }
            }
            default -> { }
        }
        return a;
    }

    /** The loss summed over the batch. */
    double sum(float[] z, float[] y, int outputs) {
        double sum = 0;
        switch (kind) {
            case SQUARED_ERROR, ABSOLUTE_ERROR -> {
                for (int k = 0; k < z.length; k++) {
                    double error = z[k] - y[k];
                    sum += (kind == Kind.SQUARED_ERROR ? error * error : Math.abs(error)) / outputs;
                }
            }
            case SOFTMAX_CROSS_ENTROPY -> {
                float[] p = activate(z, outputs);
                for (int k = 0; k < p.length; k++) {
                    if (y[k] != 0) {
                        sum -= y[k] * Math.log(clip(p[k]));
                    }
                }
            }
            case SIGMOID_CROSS_ENTROPY -> {
                for (int k = 0; k < z.length; k++) {
                    float p = clip(sigmoid(z[k]));
                    sum -= y[k] * Math.log(p) + (1 - y[k]) * Math.log(1 - p);
                }
            }
        }
        return sum;
    }

    /** The loss' gradient at the pre-activation. */
    float[] gradient(float[] z, float[] y, int outputs) {
        float[] delta = new float[z.length];
        switch (kind) {
            case SQUARED_ERROR, ABSOLUTE_ERROR -> {
                for (int k = 0; k < z.length; k++) {
                    float error = z[k] - y[k];
                    delta[k] = (kind == Kind.SQUARED_ERROR ? 2 * error : Math.signum(error)) / outputs;
                }
            }
            case SOFTMAX_CROSS_ENTROPY -> {
                // the unclipped probabilities times the sample's label sum, minus the labels: Keras' gradient, and
                // DL4J's p - y for one-hot labels
                float[] p = activate(z, outputs);
                for (int row = 0; row < p.length; row += outputs) {
                    float labelSum = 0;
                    for (int k = row; k < row + outputs; k++) {
                        labelSum += y[k];
                    }
                    for (int k = row; k < row + outputs; k++) {
                        delta[k] = p[k] * labelSum - y[k];
                    }
                }
            }
            case SIGMOID_CROSS_ENTROPY -> {
                for (int k = 0; k < z.length; k++) {
                    // DL4J's, in float as its native code computes it: dL/da at the clipped output times the
                    // sigmoid's derivative at z (past the clipping both are float noise, and training sees it)
                    float s = sigmoid(z[k]);
                    float p = clip(s);
                    delta[k] = (p - y[k]) / (p * (1 - p)) * (s * (1 - s));
                }
            }
        }
        return delta;
    }

    /** The probability clipped as DL4J (and Keras) clip float probabilities: the bounds rounded to float. */
    private float clip(float p) {
        return Math.min(Math.max(p, (float) epsilon), (float) (1 - epsilon));
    }

    /** The sigmoid in float arithmetic, as ND4J's native code computes it. */
    private static float sigmoid(float z) {
        return 1f / (1f + (float) Math.exp(-z));
    }

    private static void softmaxInPlace(float[] a, int outputs) {
        for (int row = 0; row < a.length; row += outputs) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = row; j < row + outputs; j++) {
                max = Math.max(max, a[j]);
            }
            double sum = 0;
            for (int j = row; j < row + outputs; j++) {
                a[j] = (float) Math.exp(a[j] - max);
                sum += a[j];
            }
            for (int j = row; j < row + outputs; j++) {
                a[j] = (float) (a[j] / sum);
            }
        }
    }
}
