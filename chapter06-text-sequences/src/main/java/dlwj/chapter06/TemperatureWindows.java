package dlwj.chapter06;

import dlwj.training.BatchIterator;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The book's {@code generator} (listing 6.33) as a DL4J iterator: batches of windows of a normalised timeseries,
 * each {@code lookback} rows back from a row, one row in {@code step}, with the temperature (column 1)
 * {@code delay} rows after that row as the target. Windows end at rows of {@code [minIndex + lookback,
 * maxIndex)}: drawn at random (with replacement, as {@code np.random.randint}) when shuffling, in order
 * otherwise, wrapping to the start as the book's generator does. Each window is built from the series as its
 * batch is asked for: the 420,551-row series is never copied into 200,000 windows.
 *
 * <p>A batch's features are [batch, columns, lookback / step], DL4J's sequence layout (features, then time);
 * {@code reversed} puts each window's steps in reverse order (listing 6.42). Its labels are [batch, 1]. One pass
 * ({@link #reset} to {@link #hasNext} false) is {@code batchesPerPass} batches, Keras' {@code steps_per_epoch}
 * or {@code validation_steps}; an ordered pass starts again from the first window, where the book's validation
 * generator, which wraps just after its {@code val_steps} batches, starts each epoch too.
 */
public final class TemperatureWindows extends BatchIterator {

    /** The column of the target: the temperature in degrees Celsius, {@code float_data[:, 1]}. */
    public static final int TEMPERATURE = 1;

    private final float[] data;
    private final int columns;
    private final int lookback;
    private final int delay;
    private final int minIndex;
    private final int maxIndex;
    private final boolean shuffle;
    private final int step;
    private final int batchesPerPass;
    private final boolean reversed;
    private final Random random;
    private int next;
    private int batchesDone;

    /**
     * The book's {@code generator(data, lookback, delay, min_index, max_index, shuffle, batch_size, step)} over
     * {@code data}, {@code rows x columns} values row by row, with its settings named as the book's call names
     * them: {@code TemperatureWindows.generator(floatData, 14).lookback(1440).delay(144).minIndex(0)
     * .maxIndex(200000).shuffle(true).step(6).batchSize(128).build()}.
     */
    public static Builder generator(float[] data, int columns) {
        return new Builder(data, columns);
    }

    /** The settings of a generator: the book's names, and the defaults of its call in listing 6.33. */
    public static final class Builder {
        private final float[] data;
        private final int columns;
        private int lookback = 1440;
        private int delay = 144;
        private int minIndex;
        private int maxIndex = -1;
        private boolean shuffle;
        private int batchSize = 128;
        private int step = 6;
        private int batchesPerPass = 1;
        private boolean reversed;
        private long seed;

        private Builder(float[] data, int columns) {
            this.data = data;
            this.columns = columns;
        }

        /** How many rows back each window goes. */
        public Builder lookback(int rows) {
            this.lookback = rows;
            return this;
        }

        /** How many rows after a window's last row its target is. */
        public Builder delay(int rows) {
            this.delay = rows;
            return this;
        }

        /** The first row the windows may use. */
        public Builder minIndex(int row) {
            this.minIndex = row;
            return this;
        }

        /** The row the windows end before; -1 is the book's {@code None}, {@code len(data) - delay - 1}. */
        public Builder maxIndex(int row) {
            this.maxIndex = row;
            return this;
        }

        /** Windows drawn at random (training), or in order (validation, test). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** One row of each window in {@code rows}. */
        public Builder step(int rows) {
            this.step = rows;
            return this;
        }

        /** Batches in one pass: Keras' {@code steps_per_epoch} or {@code validation_steps}. */
        public Builder batchesPerPass(int batches) {
            this.batchesPerPass = batches;
            return this;
        }

        /** Each window's steps in reverse order, as listing 6.42's {@code reverse_order_generator}. */
        public Builder reversed(boolean reversed) {
            this.reversed = reversed;
            return this;
        }

        /** The seed of the random windows. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public TemperatureWindows build() {
            return new TemperatureWindows(this);
        }
    }

    private TemperatureWindows(Builder settings) {
        super(settings.batchSize);
        int rows = settings.data.length / settings.columns;
        this.maxIndex = settings.maxIndex < 0 ? rows - settings.delay - 1 : settings.maxIndex;
        if (settings.minIndex + settings.lookback >= this.maxIndex || this.maxIndex + settings.delay >= rows + 1) {
            throw new IllegalArgumentException("Windows of " + settings.lookback + " rows from row " + settings.minIndex
                    + " to row " + this.maxIndex + " with targets " + settings.delay + " rows later do not fit the "
                    + "series' " + rows + " rows");
        }
        if (settings.lookback % settings.step != 0 || settings.batchSize < 1 || settings.batchesPerPass < 1) {
            throw new IllegalArgumentException("lookback (" + settings.lookback + ") must be a multiple of step ("
                    + settings.step + "), the batch size (" + settings.batchSize + ") and batches per pass ("
                    + settings.batchesPerPass + ") positive");
        }
        this.data = settings.data;
        this.columns = settings.columns;
        this.lookback = settings.lookback;
        this.delay = settings.delay;
        this.minIndex = settings.minIndex;
        this.shuffle = settings.shuffle;
        this.step = settings.step;
        this.batchesPerPass = settings.batchesPerPass;
        this.reversed = settings.reversed;
        this.random = new Random(settings.seed);
        this.next = settings.minIndex + settings.lookback;
    }

    /** The number of steps of a window: {@code lookback // step}. */
    public int steps() {
        return lookback / step;
    }

    @Override
    public boolean hasNext() {
        return batchesDone < batchesPerPass;
    }

    @Override
    public DataSet next() {
        int[] rows = nextRows();
        int steps = steps();
        float[] samples = new float[rows.length * columns * steps];
        float[] targets = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
            for (int t = 0; t < steps; t++) {
                int from = (rows[j] - lookback + t * step) * columns;
                int at = reversed ? steps - 1 - t : t;
                for (int c = 0; c < columns; c++) {
                    samples[(j * columns + c) * steps + at] = data[from + c];
                }
            }
            targets[j] = data[(rows[j] + delay) * columns + TEMPERATURE];
        }
        batchesDone++;
        return new DataSet(Nd4j.create(samples, new long[] {rows.length, columns, steps}, DataType.FLOAT),
                Nd4j.create(targets, new long[] {rows.length, 1}, DataType.FLOAT));
    }

    /** The rows the next batch's windows end at, as the book's generator picks them. */
    private int[] nextRows() {
        int low = minIndex + lookback;
        if (shuffle) {
            return random.ints(batch(), low, maxIndex).toArray();
        }
        if (next + batch() >= maxIndex) {
            next = low;
        }
        int count = Math.min(batch(), maxIndex - next);
        int[] rows = new int[count];
        for (int j = 0; j < count; j++) {
            rows[j] = next + j;
        }
        next += count;
        return rows;
    }

    /** Starts a pass: {@code batchesPerPass} more batches, an ordered pass from its first window. */
    @Override
    public void reset() {
        batchesDone = 0;
        if (!shuffle) {
            next = minIndex + lookback;
        }
    }

    @Override
    public int inputColumns() {
        return columns;
    }

    @Override
    public int totalOutcomes() {
        return 1;
    }
}
