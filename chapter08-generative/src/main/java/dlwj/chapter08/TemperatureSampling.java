package dlwj.chapter08;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Listing 8.6's {@code sample(preds, temperature)}: the model's probabilities reweighted by the temperature
 * ({@code exp(log(p) / temperature)}, normalized), then one draw from them ({@code np.random.multinomial(1, preds,
 * 1)}). A low temperature sharpens the distribution towards its most likely character, a high one flattens it.
 */
final class TemperatureSampling {

    private TemperatureSampling() {
    }

    /** The index drawn from {@code probabilities} (one row) reweighted by {@code temperature}. */
    static int sample(INDArray probabilities, double temperature, Random random) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("The temperature must be positive, got " + temperature);
        }
        double[] reweighted = probabilities.toDoubleVector();
        double sum = 0;
        for (int i = 0; i < reweighted.length; i++) {
            reweighted[i] = Math.exp(Math.log(reweighted[i]) / temperature);
            sum += reweighted[i];
        }
        double draw = random.nextDouble() * sum;
        double cumulative = 0;
        for (int i = 0; i < reweighted.length; i++) {
            cumulative += reweighted[i];
            if (draw < cumulative) {
                return i;
            }
        }
        return reweighted.length - 1;
    }
}
