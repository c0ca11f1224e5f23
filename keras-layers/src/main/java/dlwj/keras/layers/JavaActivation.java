package dlwj.keras.layers;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activations the recurrent layers compute in plain Java, one number at a time, with each one's derivative
 * from its output: tanh and ReLU (Keras' {@code activation}: tanh by default, ReLU in listing 6.41), Keras'
 * hard sigmoid and the sigmoid (its {@code recurrent_activation}, for gates).
 */
enum JavaActivation {
    /** As 1 - 2 / (e^2x + 1): Math.exp is compiled to machine code, while Math.tanh calls into the JDK's C library. */
    TANH {
        @Override
        double apply(double x) {
            return 1 - 2 / (Math.exp(2 * x) + 1);
        }

        @Override
        double derivativeFromOutput(double a) {
            return 1 - a * a;
        }
    },
    RELU {
        @Override
        double apply(double x) {
            return Math.max(0, x);
        }

        @Override
        double derivativeFromOutput(double a) {
            return a > 0 ? 1 : 0;
        }
    },
    /** Keras' {@code hard_sigmoid}: clip(0.2 x + 0.5, 0, 1), DL4J's {@code HARDSIGMOID}. */
    HARD_SIGMOID {
        @Override
        double apply(double x) {
            return Math.min(1, Math.max(0, 0.2 * x + 0.5));
        }

        @Override
        double derivativeFromOutput(double a) {
            return a > 0 && a < 1 ? 0.2 : 0;
        }
    },
    SIGMOID {
        @Override
        double apply(double x) {
            return 1 / (1 + Math.exp(-x));
        }

        @Override
        double derivativeFromOutput(double a) {
            return a * (1 - a);
        }
    };

    abstract double apply(double x);

    abstract double derivativeFromOutput(double a);

    /** The activation for a layer's {@code activation}: tanh or ReLU; null for others. */
    static JavaActivation ofActivation(IActivation activation) {
        return activation instanceof ActivationTanH ? TANH : activation instanceof ActivationReLU ? RELU : null;
    }

    /** The activation for a layer's gates: the hard sigmoid or the sigmoid; null for others. */
    static JavaActivation ofGate(IActivation activation) {
        return activation instanceof ActivationHardSigmoid ? HARD_SIGMOID
                : activation instanceof ActivationSigmoid ? SIGMOID : null;
    }
}
