package dlwj.training.callbacks;

import dlwj.training.Callback;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras' {@code ModelCheckpoint(filepath, monitor, save_best_only)}: saves the model to {@code file} after each
 * epoch, or with {@code saveBestOnly} only after an epoch whose monitored value is the best so far, so that the
 * file holds the best model of the run. The file is DL4J's model zip, written atomically.
 */
public final class ModelCheckpoint implements Callback {

    private final Path file;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private double best;

    public ModelCheckpoint(Path file, String monitor, boolean saveBestOnly) {
        this.file = file;
        this.monitor = new Monitor(monitor);
        this.saveBestOnly = saveBestOnly;
        this.best = this.monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        if (saveBestOnly) {
            double current = monitor.of(logs);
            if (!monitor.improves(current, best, 0)) {
                return;
            }
            best = current;
        }
        ModelFiles.save(training.model(), file);
    }
}
