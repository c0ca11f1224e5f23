package dlwj.keras.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * A batch's examples split into contiguous parts that run at once, one per core, for the recurrent layers' loops
 * over time. An example's recurrence never reads another example's, so each part runs its whole loop, forward or
 * backward, on its own rows without waiting for the others, and every example's arithmetic is the same whatever
 * the number of parts. The parts run on the common fork-join pool and the calling thread; ND4J's own threads are
 * idle meanwhile (the loops make no native calls when their products are Java's, {@link StepMatrix#inJava}).
 * On 2 cores this takes about a quarter to a third off an epoch of the book's LSTM and GRU models.
 */
final class BatchParts {

    /** The fewest examples a part has: fewer would cost more in handing over than they save. */
    static final int MIN_EXAMPLES = 16;

    /** The work on the examples {@code from} (inclusive) to {@code to} (exclusive) of the batch. */
    @FunctionalInterface
    interface Examples {
        void run(int from, int to);
    }

    private BatchParts() {
    }

    /**
     * Runs {@code work} over the batch's examples: in as many parts as there are cores (at most one per
     * {@link #MIN_EXAMPLES} examples) when {@code parallel}, otherwise whole on the calling thread. Returns once
     * every part is done (the others too when one fails); a part's exception is rethrown.
     */
    static void run(int batch, boolean parallel, Examples work) {
        int parts = parallel ? parts(batch) : 1;
        Throwable[] failures = new Throwable[parts];
        List<ForkJoinTask<?>> others = new ArrayList<>(parts - 1);
        for (int part = 1; part < parts; part++) {
            int index = part;
            others.add(ForkJoinPool.commonPool().submit(() -> runPart(batch, parts, index, work, failures)));
        }
        runPart(batch, parts, 0, work, failures);
        others.forEach(ForkJoinTask::join);
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /** Runs one part, keeping what it throws (the fork-join pool would hand over a copy of it). */
    private static void runPart(int batch, int parts, int part, Examples work, Throwable[] failures) {
        try {
            work.run(start(batch, parts, part), start(batch, parts, part + 1));
        } catch (RuntimeException | Error e) {
            failures[part] = e;
        }
    }

    /** How many parts a batch of {@code batch} examples runs in, on this machine's cores. */
    static int parts(int batch) {
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
        return Math.max(1, Math.min(cores, batch / MIN_EXAMPLES));
    }

    /** The most examples a part of a batch of {@code batch} has. */
    static int largestPart(int batch) {
        int parts = parts(batch);
        return (batch + parts - 1) / parts;
    }

    private static int start(int batch, int parts, int part) {
        return (int) ((long) batch * part / parts);
    }
}
