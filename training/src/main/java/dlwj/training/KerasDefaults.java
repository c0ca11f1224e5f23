package dlwj.training;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * Keras' defaults, defined once. DL4J's differ and silently change the book's results: its
 * {@code new RmsProp()} has a learning rate of 0.1 (Keras: 0.001) and epsilon 1e-8 (Keras: 1e-7) and
 * starts its accumulator at epsilon (Keras: 0; {@link KerasRmsProp} is Keras' and 5x faster), its
 * default weight initialisation is not {@code glorot_uniform}, and its binary cross-entropy clips
 * probabilities at 1e-5 (Keras: 1e-7).
 */
public final class KerasDefaults {

    /** Keras' backend epsilon, {@code K.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private KerasDefaults() {
    }

    /** {@code optimizer='rmsprop'}: learning rate 0.001, rho 0.9, epsilon 1e-7. */
    public static KerasRmsProp rmsprop() {
        return rmsprop(1e-3);
    }

    /** {@code optimizers.RMSprop(lr=learningRate)}, the other settings Keras' defaults. */
    public static KerasRmsProp rmsprop(double learningRate) {
        return new KerasRmsProp(learningRate, 0.9, EPSILON);
    }

    /**
     * {@code regularizers.l2(coefficient)}: adds {@code coefficient * sum(w^2)} to the loss. DL4J's
     * {@code L2Regularization(k)} adds {@code k/2 * sum(w^2)} (its gradient is {@code k * w}), so Keras'
     * coefficient is doubled; {@code .l2(0.001)} on a DL4J layer would be Keras' {@code l2(0.0005)}.
     */
    public static Regularization l2(double coefficient) {
        return new L2Regularization(2 * coefficient);
    }

    /** {@code regularizers.l1(coefficient)}: adds {@code coefficient * sum(|w|)} to the loss, as DL4J's L1 does. */
    public static Regularization l1(double coefficient) {
        return new L1Regularization(coefficient);
    }

    /** {@code loss='binary_crossentropy'} on a sigmoid output, clipped as Keras clips it. */
    public static LossBinaryXENT binaryCrossentropy() {
        return new LossBinaryXENT(EPSILON);
    }

    /**
     * A network configuration with Keras' defaults: {@code glorot_uniform} weights, zero biases, RMSprop
     * (lr 0.001), and {@code seed} for reproducible initialisation.
     */
    public static NeuralNetConfiguration.Builder network(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0)
                .updater(rmsprop());
    }
}
