package dlwj.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluation protocols of book section 4.2, for any model and any data: a split says which samples
 * train and which validate; {@link #scores} trains and scores one model per split.
 *
 * <pre>{@code
 * Validation.Scores scores = Validation.scores(Validation.kFold(404, 4), split -> {
 *     Trainer trainer = new Trainer(buildModel(), Metric.MAE);
 *     trainer.fit(split.training(x), split.training(y), 100, 1);
 *     return trainer.evaluate(split.validation(x), split.validation(y)).get("mae");
 * });
 * }</pre>
 */
public final class Validation {

    private Validation() {
    }

    /** The sample indices that train and those that validate, in order. */
    public record Split(int[] trainingRows, int[] validationRows) {

        /** The training samples of {@code data} (its first axis), in this split's order. */
        public INDArray training(INDArray data) {
            return rows(data, trainingRows);
        }

        /** The validation samples of {@code data}. */
        public INDArray validation(INDArray data) {
            return rows(data, validationRows);
        }

        private static INDArray rows(INDArray data, int[] rows) {
            long[] shape = data.shape().clone();
            shape[0] = rows.length;
            INDArray matrix = data.reshape('c', data.size(0), data.length() / data.size(0));
            return Nd4j.pullRows(matrix, 1, rows).reshape('c', shape);
        }
    }

    /** Per-split scores, in split order, and their mean. */
    public record Scores(List<Double> perSplit) {
        public double mean() {
            return perSplit.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
    }

    /** Simple hold-out validation: the first {@code validationCount} samples validate, the rest train. */
    public static Split holdOut(int samples, int validationCount) {
        if (validationCount <= 0 || validationCount >= samples) {
            throw new IllegalArgumentException("Hold out between 1 and " + (samples - 1) + " of " + samples
                    + " samples, not " + validationCount);
        }
        return new Split(range(validationCount, samples), range(0, validationCount));
    }

    /**
     * K-fold validation: fold {@code i} validates on the {@code i}-th of {@code k} consecutive blocks and
     * trains on the rest (in order), as the book's listing 3.27. When {@code k} does not divide the samples
     * the first folds take one more, so every sample validates exactly once.
     */
    public static List<Split> kFold(int samples, int k) {
        if (k < 2 || k > samples) {
            throw new IllegalArgumentException("K-fold needs 2 <= k <= " + samples + " samples, got k=" + k);
        }
        List<Split> folds = new ArrayList<>();
        int start = 0;
        for (int fold = 0; fold < k; fold++) {
            int size = samples / k + (fold < samples % k ? 1 : 0);
            int end = start + size;
            int[] training = IntStream.concat(IntStream.range(0, start), IntStream.range(end, samples)).toArray();
            folds.add(new Split(training, range(start, end)));
            start = end;
        }
        return folds;
    }

    /**
     * Iterated K-fold validation with shuffling: {@code repeats} times, the samples shuffled (seeded) and then
     * split into {@code k} folds; {@code k * repeats} splits in all.
     */
    public static List<Split> iteratedKFold(int samples, int k, int repeats, long seed) {
        Random random = new Random(seed);
        List<Split> splits = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            int[] order = Permutations.shuffled(samples, random);
            for (Split fold : kFold(samples, k)) {
                splits.add(new Split(Arrays.stream(fold.trainingRows()).map(i -> order[i]).toArray(),
                        Arrays.stream(fold.validationRows()).map(i -> order[i]).toArray()));
            }
        }
        return splits;
    }

    /** Runs {@code trainAndScore} on each split (a fresh model each time) and collects the scores. */
    public static Scores scores(List<Split> splits, ToDoubleFunction<Split> trainAndScore) {
        List<Double> scores = new ArrayList<>();
        for (Split split : splits) {
            scores.add(trainAndScore.applyAsDouble(split));
        }
        return new Scores(List.copyOf(scores));
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }
}
