package dlwj.training.callbacks;

import dlwj.training.Callback;
import java.util.Map;

/**
 * Keras 2.0.8's {@code ReduceLROnPlateau(monitor, factor, patience)} (its {@code epsilon=1e-4}, no cooldown, no
 * floor): multiplies the learning rate by {@code factor} once the monitored value has not improved by more than
 * 1e-4 for more than {@code patience} epochs, then waits {@code patience} epochs again. Each epoch's learning rate
 * goes into the logs as {@code lr}, as Keras logs it.
 */
public final class ReduceLROnPlateau implements Callback {

    /** Keras 2.0.8's {@code epsilon}: an improvement smaller than this is none. */
    private static final double EPSILON = 1e-4;

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private double best;
    private int wait;

    public ReduceLROnPlateau(String monitor, double factor, int patience) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be between 0 and 1, not " + factor);
        }
        this.monitor = new Monitor(monitor);
        this.factor = factor;
        this.patience = patience;
        this.best = this.monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        logs.put("lr", training.learningRate());
        double current = monitor.of(logs);
        if (monitor.improves(current, best, EPSILON)) {
            best = current;
            wait = 0;
        } else {
            if (wait >= patience) {
                training.setLearningRate(training.learningRate() * factor);
                wait = 0;
            }
            wait++;
        }
    }
}
