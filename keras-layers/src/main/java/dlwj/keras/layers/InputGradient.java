package dlwj.keras.layers;

import java.util.function.DoubleSupplier;

/**
 * Whether the gradient with respect to a network's input is wanted. DL4J's layers always compute it, and
 * {@code MultiLayerNetwork.backpropGradient} returns it (saliency maps, external errors); a training step
 * through {@code fit} drops it. So a first layer skips it only inside {@link #unusedDuring}, which the
 * project's {@code Trainer} wraps around its training steps: for MNIST's first {@code Dense(512)} that is a
 * [128, 512] x [512, 784] product a batch that nothing reads.
 */
public final class InputGradient {

    private static final ThreadLocal<Boolean> UNUSED = ThreadLocal.withInitial(() -> false);

    private InputGradient() {
    }

    /** Runs {@code trainingStep}, during which nothing reads the gradient with respect to the network's input. */
    public static double unusedDuring(DoubleSupplier trainingStep) {
        boolean outer = UNUSED.get();
        UNUSED.set(true);
        try {
            return trainingStep.getAsDouble();
        } finally {
            UNUSED.set(outer);
        }
    }

    /** Whether the layer at {@code layerIndex} of a network must give the gradient with respect to its input. */
    static boolean wanted(int layerIndex) {
        return layerIndex > 0 || !UNUSED.get();
    }
}
