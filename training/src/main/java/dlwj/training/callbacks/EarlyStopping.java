package dlwj.training.callbacks;

import dlwj.training.Callback;
import java.util.Map;

/**
 * Keras 2.0.8's {@code EarlyStopping(monitor, patience)} (no {@code min_delta}): stops training once the monitored
 * value has not improved on its best for more than {@code patience} epochs. As in Keras 2.0.8, the epoch that
 * exhausts the patience is counted before it is compared, so with {@code patience=1} training stops at the second
 * epoch in a row without improvement.
 */
public final class EarlyStopping implements Callback {

    private final Monitor monitor;
    private final int patience;
    private double best;
    private int wait;

    public EarlyStopping(String monitor, int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must not be negative, not " + patience);
        }
        this.monitor = new Monitor(monitor);
        this.patience = patience;
        this.best = this.monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        double current = monitor.of(logs);
        if (monitor.improves(current, best, 0)) {
            best = current;
            wait = 0;
        } else {
            if (wait >= patience) {
                training.stop();
            }
            wait++;
        }
    }
}
