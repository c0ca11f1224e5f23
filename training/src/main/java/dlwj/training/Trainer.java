package dlwj.training;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' {@code fit}, {@code evaluate} and {@code predict} for a DL4J model, with Keras' semantics:
 * training data shuffled every epoch, the epoch's training loss and metrics averaged over its batches as
 * they were trained on (before each update), validation loss and metrics on the whole validation data at
 * the end of the epoch, and one progress line per epoch.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, Metric.ACCURACY);
 * History history = trainer.fit(xTrain, yTrain, 20, 512, xVal, yVal);
 * Map<String, Double> results = trainer.evaluate(xTest, yTest);   // {loss=..., acc=...}
 * }</pre>
 *
 * A long run saves a checkpoint every epoch and, asked to resume, goes on from the last one:
 * {@code new Trainer(model, Metric.ACCURACY).checkpointed(options.output("model.checkpoint.zip"), resume)}.
 */
public final class Trainer {

    private final List<Metric> metrics;
    private Network network;
    private BatchOutputs batchOutputs;
    private Optional<OutputLoss> outputLoss;
    private Random shuffle = new Random(0);
    private final PrintStream out = System.out;
    private boolean verbose = true;
    private History resumed = new History();
    private BiConsumer<Integer, History> epochEnd = (epoch, history) -> { };
    private List<Callback> callbacks = List.of();

    public Trainer(Model model, Metric... metrics) {
        this.metrics = List.of(metrics);
        use(model);
    }

    /** Trains {@code model} from now on (a new trainer's, or the one a checkpoint saved). */
    private void use(Model model) {
        this.network = Network.of(model);
        this.batchOutputs = new BatchOutputs(network);
        this.outputLoss = OutputLoss.of(network);
    }

    /** Seeds the per-epoch shuffle of array data (the model's own seed fixes its initial weights). */
    public Trainer seed(long seed) {
        this.shuffle = new Random(seed);
        return this;
    }

    /** {@code verbose=0} in Keras: no progress output. */
    public Trainer quiet() {
        this.verbose = false;
        return this;
    }

    /**
     * Goes on with an interrupted run: {@code done} holds the epochs already trained (the model must be
     * the one they trained), and {@code fit(..., epochs, ...)} trains only the epochs after them.
     */
    public Trainer resumeFrom(History done) {
        this.resumed = History.of(done.asMap());
        return this;
    }

    /** Keras' {@code fit(..., callbacks=[...])}: {@code callbacks}, in this order, at the end of every epoch. */
    public Trainer callbacks(Callback... callbacks) {
        this.callbacks = List.of(callbacks);
        return this;
    }

    /** Also calls {@code listener} after each epoch, with its number (from 1) and the history so far. */
    public Trainer onEpochEnd(BiConsumer<Integer, History> listener) {
        this.epochEnd = epochEnd.andThen(listener);
        return this;
    }

    /**
     * A long run that can stop and go on: saves a {@link Checkpoint} of the model (a {@code MultiLayerNetwork})
     * to {@code file} after every epoch, and with {@code resume} trains the model saved there instead, from
     * the epoch after its history's last (or, without a checkpoint, says so and starts from the first).
     */
    public Trainer checkpointed(Path file, boolean resume) {
        if (!(network.model() instanceof MultiLayerNetwork)) {
            throw new IllegalArgumentException("Checkpoints hold a MultiLayerNetwork, not a "
                    + network.model().getClass().getSimpleName());
        }
        Checkpoint checkpoint = new Checkpoint(file);
        Optional<Checkpoint.Saved> saved = resume ? checkpoint.load() : Optional.empty();
        if (saved.isPresent()) {
            out.printf("Resuming after epoch %d from %s%n", saved.get().history().epochs(), file);
            use(saved.get().model());
            resumeFrom(saved.get().history());
        } else if (resume) {
            out.println("No checkpoint at " + file + ": starting from the first epoch");
        }
        return onEpochEnd((epoch, history) -> checkpoint.save((MultiLayerNetwork) network.model(), history));
    }

    public Model model() {
        return network.model();
    }

    /** The epochs the model has been trained already: those of the run it resumes, else none. */
    public int epochsDone() {
        return resumed.epochs();
    }

    /** {@code model.fit(x, y, epochs=epochs, batch_size=batchSize)}. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize) {
        return fit(x, y, epochs, batchSize, null, null);
    }

    /** {@code model.fit(x, y, epochs, batch_size, validation_data=(xVal, yVal))}. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize, INDArray xVal, INDArray yVal) {
        requireSameRows(x, y, "training");
        DataSet validation = xVal == null ? null : new DataSet(xVal, yVal);
        if (validation != null) {
            requireSameRows(xVal, yVal, "validation");
        }
        return train(epochs, () -> shuffledBatches(x, y, batchSize), steps(x.size(0), batchSize),
                validation == null ? null : () -> batches(validation.getFeatures(), validation.getLabels(),
                        inferenceBatchSize(xVal, batchSize)));
    }

    /**
     * {@code model.fit(x, y, epochs, batch_size, validation_split=validationSplit)}: the last {@code validationSplit}
     * of the samples, as they come (Keras splits before it shuffles), validate; the others train.
     */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize, double validationSplit) {
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation_split must be between 0 and 1, got " + validationSplit);
        }
        requireSameRows(x, y, "training");
        long splitAt = (long) (x.size(0) * (1 - validationSplit));
        if (splitAt == 0) {
            throw new IllegalArgumentException("validation_split " + validationSplit + " of " + x.size(0)
                    + " samples leaves none to train on");
        }
        INDArrayIndex training = NDArrayIndex.interval(0, splitAt);
        INDArrayIndex validation = NDArrayIndex.interval(splitAt, x.size(0));
        return fit(x.get(training), y.get(training), epochs, batchSize, x.get(validation), y.get(validation));
    }

    /**
     * {@code model.fit_generator(train, epochs=epochs, validation_data=validation)}: each epoch is one pass
     * over {@code train} (reset before each), which does its own shuffling; {@code validation} may be null.
     */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation) {
        return train(epochs, () -> passOver(train), -1, validation == null ? null : () -> passOver(validation));
    }

    /** {@code model.evaluate(x, y)}: the loss and the metrics, by Keras name. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        requireSameRows(x, y, "evaluation");
        return pass(batches(x, y, inferenceBatchSize(x, 32)), this::inferenceStep, "", null);
    }

    /** {@code model.evaluate_generator(data)}: one pass over the iterator. */
    public Map<String, Double> evaluate(DataSetIterator data) {
        return pass(passOver(data), this::inferenceStep, "", null);
    }

    /** {@code model.predict(x)}: the outputs (probabilities for softmax and sigmoid outputs). */
    public INDArray predict(INDArray x) {
        List<INDArray> outputs = new ArrayList<>();
        int batchSize = inferenceBatchSize(x, 32);
        for (long start = 0; start < x.size(0); start += batchSize) {
            long end = Math.min(x.size(0), start + batchSize);
            outputs.add(network.output(rows(x, start, end)));
        }
        return Nd4j.concat(0, outputs.toArray(INDArray[]::new));
    }

    /** A source of the batches of one epoch. */
    private interface Epoch {
        Iterator<DataSet> batches();
    }

    private History train(int epochs, Epoch training, long steps, Epoch validation) {
        History history = History.of(resumed.asMap());
        EpochProgress progress = new EpochProgress(out, verbose && EpochProgress.terminal());
        if (!metrics.isEmpty()) {
            network.model().addListeners(batchOutputs); // only metrics need the batches' predictions
        }
        Control control = new Control();
        try {
            for (int epoch = history.epochs() + 1; epoch <= epochs && !control.stopped; epoch++) {
                progress.startEpoch(epoch, epochs, steps);
                Map<String, Double> values = pass(training.batches(), this::trainingStep, "", progress);
                if (validation != null) {
                    values.putAll(pass(validation.batches(), this::inferenceStep, "val_", null));
                }
                // the progress line shows the epoch's measurements only: Keras' progress bar leaves out what the
                // callbacks add to the logs (lr), which the history keeps
                Map<String, Double> measured = new LinkedHashMap<>(values);
                for (Callback callback : callbacks) {
                    callback.onEpochEnd(epoch, values, control);
                }
                history.add(values);
                if (verbose) {
                    progress.endEpoch(epoch, epochs, measured);
                }
                epochEnd.accept(epoch, history);
            }
        } finally {
            network.listeners().remove(batchOutputs);
        }
        return history;
    }

    /** What the callbacks act on: this training. */
    private final class Control implements Callback.Training {
        private boolean stopped;

        @Override
        public Model model() {
            return network.model();
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public double learningRate() {
            return network.learningRate();
        }

        @Override
        public void setLearningRate(double value) {
            network.setLearningRate(value);
        }
    }

    /** One batch's loss and predictions. */
    private record Step(double loss, INDArray predictions) {
    }

    /** Training: the step's loss before the update, and the predictions of its own forward pass. */
    private Step trainingStep(DataSet batch) {
        double loss = network.fit(batch);
        return new Step(loss, metrics.isEmpty() ? null : batchOutputs.last());
    }

    /**
     * Evaluation: inference-mode predictions and the loss computed from them, one forward pass as in Keras;
     * DL4J's own score (a second pass) where the output layer's loss can't be computed from the predictions
     * or the batch has masks.
     */
    private Step inferenceStep(DataSet batch) {
        INDArray predictions = network.output(batch.getFeatures());
        double loss = outputLoss.isEmpty() || batch.hasMaskArrays() ? network.loss(batch)
                : outputLoss.get().of(predictions, batch.getLabels());
        return new Step(loss, predictions);
    }

    /** Runs {@code step} over the batches and averages loss and metrics over the samples, as Keras does. */
    private Map<String, Double> pass(Iterator<DataSet> batches, Function<DataSet, Step> step, String prefix,
                                     EpochProgress progress) {
        double lossSum = 0;
        double[] metricSums = new double[metrics.size()];
        long samples = 0;
        for (int batchNumber = 1; batches.hasNext(); batchNumber++) {
            DataSet batch = batches.next();
            long size = batch.getFeatures().size(0);
            Step result = step.apply(batch);
            if (!Double.isFinite(result.loss())) {
                throw new TrainingDivergedException("The " + (prefix.isEmpty() ? "training" : "validation") + " loss is "
                        + result.loss() + " at batch " + batchNumber + ": training diverged or "
                        + "the data holds NaN or infinite values; check the inputs and lower the learning rate");
            }
            lossSum += result.loss() * size;
            for (int m = 0; m < metrics.size(); m++) {
                metricSums[m] += metrics.get(m).batchSum(result.predictions(), batch.getLabels());
            }
            samples += size;
            if (progress != null) {
                progress.step(lossSum / samples);
            }
        }
        if (samples == 0) {
            throw new IllegalArgumentException("No data to " + (prefix.isEmpty() ? "train on or evaluate" : "validate on"));
        }
        return averages(lossSum, metricSums, samples, prefix);
    }

    private Map<String, Double> averages(double lossSum, double[] metricSums, long samples, String prefix) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(prefix + "loss", lossSum / samples);
        for (int m = 0; m < metrics.size(); m++) {
            values.put(prefix + metrics.get(m).kerasName(), metricSums[m] / samples);
        }
        return values;
    }

    private Iterator<DataSet> shuffledBatches(INDArray x, INDArray y, int batchSize) {
        int n = Math.toIntExact(x.size(0));
        int[] order = Permutations.shuffled(n, shuffle);
        // One buffer per array for the epoch's full batches: a fresh 20 MB batch per IMDB step costs more in
        // off-heap allocation and garbage collection than the training step itself.
        DataType type = network.dataType();
        BatchBuffer features = new BatchBuffer(x, Math.min(batchSize, n), type);
        BatchBuffer labels = new BatchBuffer(y, Math.min(batchSize, n), type);
        return new BatchIterator(n, batchSize, (start, end) -> {
            int[] rows = Arrays.copyOfRange(order, start, end);
            return new DataSet(features.gather(rows), labels.gather(rows));
        });
    }

    /**
     * Gathers samples of one array into a batch buffer that is reused from step to step, in the network's
     * data type: data can be kept compactly (IMDB's multi-hot matrix as bytes, a quarter of float32) and is
     * converted one batch at a time. For a C-ordered array or row range of one the rows are copied buffer to
     * buffer (memcpy speed); other arrays go through ND4J's {@code pullRows}, ten times slower
     * ({@code INDArray.getRows}: another ten).
     */
    private static final class BatchBuffer {
        private final INDArray source;
        private final DataType type;
        private final long rowLength;
        private final boolean contiguous;
        private final INDArray full;
        private final INDArray fullConverted;

        BatchBuffer(INDArray source, int batchSize, DataType type) {
            this.source = source;
            this.type = type;
            this.rowLength = source.length() / source.size(0);
            this.contiguous = source.ordering() == 'c' && Shape.hasDefaultStridesForShape(source)
                    && (source.offset() + source.length()) * source.dataType().width() <= Integer.MAX_VALUE;
            this.full = contiguous ? Nd4j.createUninitialized(source.dataType(), shape(batchSize), 'c') : null;
            this.fullConverted = source.dataType() == type ? null : Nd4j.createUninitialized(type, shape(batchSize), 'c');
        }

        INDArray gather(int[] rows) {
            INDArray batch = contiguous ? copyRows(rows)
                    : Nd4j.pullRows(source.reshape('c', source.size(0), rowLength), 1, rows).reshape('c', shape(rows.length));
            if (fullConverted == null) {
                return batch;
            }
            INDArray converted = rows.length == fullConverted.size(0) ? fullConverted
                    : Nd4j.createUninitialized(type, shape(rows.length), 'c');
            return converted.assign(batch);
        }

        private INDArray copyRows(int[] rows) {
            INDArray batch = rows.length == full.size(0) ? full
                    : Nd4j.createUninitialized(source.dataType(), shape(rows.length), 'c');
            ByteBuffer from = source.data().asNio();
            ByteBuffer to = batch.data().asNio();
            int width = source.dataType().width();
            int rowBytes = Math.toIntExact(rowLength * width);
            long first = source.offset() * width;
            for (int i = 0; i < rows.length; i++) {
                to.put(i * rowBytes, from, Math.toIntExact(first + (long) rows[i] * rowBytes), rowBytes);
            }
            return batch;
        }

        private long[] shape(long samples) {
            long[] shape = source.shape().clone();
            shape[0] = samples;
            return shape;
        }
    }

    private static Iterator<DataSet> batches(INDArray x, INDArray y, int batchSize) {
        return new BatchIterator(Math.toIntExact(x.size(0)), batchSize,
                (start, end) -> new DataSet(rows(x, start, end), rows(y, start, end)));
    }

    private static Iterator<DataSet> passOver(DataSetIterator iterator) {
        iterator.reset();
        return iterator;
    }

    private static INDArray rows(INDArray array, long start, long end) {
        return array.get(NDArrayIndex.interval(start, end));
    }

    /**
     * Inference keeps no gradients, so small samples go at least 512 at a time whatever the training batch
     * (Boston's batch of 1 would make each validation 101 tiny passes; the values are the same); large ones,
     * such as images, keep the training batch's memory bound.
     */
    private static int inferenceBatchSize(INDArray x, int batchSize) {
        long valuesPerSample = x.length() / Math.max(1, x.size(0));
        return valuesPerSample <= 10_000 ? Math.max(batchSize, 512) : batchSize;
    }

    private static long steps(long samples, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return (samples + batchSize - 1) / batchSize;
    }

    private static void requireSameRows(INDArray x, INDArray y, String what) {
        if (x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("The " + what + " inputs have " + x.size(0) + " samples but the targets "
                    + y.size(0));
        }
    }

    /** Consecutive batches of {@code batchSize} samples (the last one smaller), made on demand. */
    private static final class BatchIterator implements Iterator<DataSet> {
        interface Slicer {
            DataSet slice(int start, int end);
        }

        private final int samples;
        private final int batchSize;
        private final Slicer slicer;
        private int next;

        BatchIterator(int samples, int batchSize, Slicer slicer) {
            steps(samples, batchSize);
            this.samples = samples;
            this.batchSize = batchSize;
            this.slicer = slicer;
        }

        @Override
        public boolean hasNext() {
            return next < samples;
        }

        @Override
        public DataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int end = Math.min(samples, next + batchSize);
            DataSet batch = slicer.slice(next, end);
            next = end;
            return batch;
        }
    }
}
