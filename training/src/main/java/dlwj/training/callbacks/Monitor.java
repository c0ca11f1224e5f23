package dlwj.training.callbacks;

import java.util.Map;

/**
 * The quantity a callback watches ({@code val_loss}, {@code acc}, ...) and which way is better, as Keras 2.0.8's
 * {@code mode='auto'} decides: higher for a name containing {@code acc}, lower for anything else.
 */
record Monitor(String name) {

    boolean higherIsBetter() {
        return name.contains("acc");
    }

    /** Whether {@code value} beats {@code best} by more than {@code delta}. */
    boolean improves(double value, double best, double delta) {
        return higherIsBetter() ? value - delta > best : value + delta < best;
    }

    /** The starting best: the worst value there is. */
    double worst() {
        return higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** The monitored value of an epoch's logs; one line naming what there is when it is missing. */
    double of(Map<String, Double> logs) {
        Double value = logs.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Nothing to monitor named '" + name + "': this training logs "
                    + logs.keySet() + " (val_ values need validation data)");
        }
        return value;
    }
}
