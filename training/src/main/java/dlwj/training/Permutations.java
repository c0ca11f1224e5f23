package dlwj.training;

import java.util.Random;
import java.util.stream.IntStream;

/** Seeded shuffles (Fisher-Yates), for the per-epoch order of samples, shuffled folds and baselines. */
public final class Permutations {

    private Permutations() {
    }

    /** {@code 0, 1, ..., n - 1} in a random order drawn from {@code random}. */
    public static int[] shuffled(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        shuffle(order, random);
        return order;
    }

    /** Shuffles {@code values} in place. */
    public static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
