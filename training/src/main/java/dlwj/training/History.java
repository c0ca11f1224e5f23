package dlwj.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code model.fit} returns in Keras: per epoch, the training loss and metrics and, with validation
 * data, their {@code val_} twins. {@code history.get("val_loss")} is the book's
 * {@code history.history['val_loss']}.
 */
public final class History {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** A history with the values of {@link #asMap()}, to go on from (a resumed training run). */
    public static History of(Map<String, List<Double>> values) {
        History history = new History();
        values.forEach((name, series) -> history.values.put(name, new ArrayList<>(series)));
        return history;
    }

    /** Appends one epoch's values, named as Keras names them. */
    void add(Map<String, Double> epoch) {
        epoch.forEach((name, value) -> values.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
    }

    /** The values of {@code name} ({@code loss}, {@code acc}, {@code val_loss}, ...), one per epoch. */
    public List<Double> get(String name) {
        List<Double> series = values.get(name);
        if (series == null) {
            throw new IllegalArgumentException("No '" + name + "' in this history; it has " + values.keySet());
        }
        return Collections.unmodifiableList(series);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names recorded, in order: {@code loss}, the metrics, then the validation ones. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    public int epochs() {
        return values.isEmpty() ? 0 : values.values().iterator().next().size();
    }

    /** The 1-based epoch where {@code name} was lowest, as the book reads its curves. */
    public int bestEpoch(String name) {
        List<Double> series = get(name);
        int best = 0;
        for (int i = 1; i < series.size(); i++) {
            if (series.get(i) < series.get(best)) {
                best = i;
            }
        }
        return best + 1;
    }

    /** The 1-based epoch where {@code name} was highest (the first, if several), as the book reads accuracy curves. */
    public int highestEpoch(String name) {
        return get(name).indexOf(highest(name)) + 1;
    }

    /** The highest value of {@code name} (the best validation accuracy, say). */
    public double highest(String name) {
        return get(name).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** All values, by name. */
    public Map<String, List<Double>> asMap() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((name, series) -> copy.put(name, List.copyOf(series)));
        return copy;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
