package dlwj.training;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
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
 *
 * <p>A {@code ComputationGraph} of several inputs and outputs takes one array per input and per output, in the
 * graph's order or by name, and reports as Keras does: {@code loss} (the outputs' losses times their
 * {@link WeightedLoss weights}, plus regularisation), then each output's own loss ({@code age_loss}), then each
 * output's metrics ({@code income_acc}). The metrics given to the constructor apply to every output (Keras'
 * {@code metrics=[...]}); {@link #metrics(Map)} gives them output by output ({@code metrics={'income': [...]}}).
 */
public final class Trainer {

    /** How many batches of an iterator a background thread makes ahead of training. */
    private static final int BATCHES_READ_AHEAD = 4;

    private List<List<Metric>> metrics;
    private Network network;
    private BatchOutputs batchOutputs;
    private List<Optional<OutputLoss>> outputLosses;
    private final ResumableRandom shuffle = new ResumableRandom(0);
    private final PrintStream out = System.out;
    private boolean verbose = true;
    private History resumed = new History();
    private BiConsumer<Integer, History> epochEnd = (epoch, history) -> { };
    private Runnable beforeFirstEpoch = () -> { };
    private BiConsumer<Integer, History> saveCheckpoint = (epoch, history) -> { };
    private List<Callback> callbacks = List.of();

    public Trainer(Model model, Metric... metrics) {
        use(model);
        this.metrics = Collections.nCopies(outputs(), List.of(metrics));
    }

    /** Trains {@code model} from now on (a new trainer's, or the one a checkpoint saved). */
    private void use(Model model) {
        this.network = Network.of(model);
        this.batchOutputs = new BatchOutputs(network);
        this.outputLosses = new ArrayList<>();
        for (int output = 0; output < outputs(); output++) {
            Optional<OutputLoss> loss = OutputLoss.of(network.outputLayer(output));
            if (loss.isEmpty() && outputs() > 1) {
                throw new IllegalArgumentException("Output " + network.outputNames().get(output) + " has a loss or "
                        + "activation the trainer can't compute per output (it takes MSE, MAE and the cross-entropies "
                        + "on identity, sigmoid or softmax outputs)");
            }
            outputLosses.add(loss);
        }
    }

    /**
     * Keras' {@code metrics={'income': ['acc'], ...}}: the metrics of each output, by output name; an output not
     * named has none.
     */
    public Trainer metrics(Map<String, List<Metric>> byOutput) {
        List<String> names = network.outputNames();
        for (String name : byOutput.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("The model has no output named " + name + "; its outputs are " + names);
            }
        }
        this.metrics = names.stream().map(name -> byOutput.getOrDefault(name, List.of())).toList();
        return this;
    }

    /** Seeds the per-epoch shuffle of array data (the model's own seed fixes its initial weights). */
    public Trainer seed(long seed) {
        shuffle.setSeed(seed);
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
     * A long run that can stop and go on: saves a {@link Checkpoint} of the model to {@code file} at the end of
     * every epoch (after its listeners), and with {@code resume} trains the model saved there instead, from the epoch
     * after its history's last (or, without a checkpoint, says so and starts from the first). The checkpoint also
     * keeps the states of the trainer's shuffle, of ND4J's generator and of {@code drawnFrom} (what the run draws from
     * besides: its iterator's shuffle, a callback's draws), and a resumed run restores them when its first epoch
     * starts, so it goes on as the run that was not interrupted would have.
     */
    public Trainer checkpointed(Path file, boolean resume, Resumable... drawnFrom) {
        Checkpoint checkpoint = new Checkpoint(file);
        List<Resumable> kept = new ArrayList<>(List.of(shuffle, new Nd4jRandomState()));
        kept.addAll(List.of(drawnFrom));
        Optional<Checkpoint.Saved> saved = resume ? checkpoint.load() : Optional.empty();
        if (saved.isPresent()) {
            out.printf("Resuming after epoch %d from %s%n", saved.get().history().epochs(), file);
            use(saved.get().model());
            resumeFrom(saved.get().history());
            beforeFirstEpoch = () -> restore(kept, saved.get().states());
        } else if (resume) {
            out.println("No checkpoint at " + file + ": starting from the first epoch");
        }
        saveCheckpoint = (epoch, history) -> checkpoint.save(network.model(), history,
                kept.stream().map(Resumable::state).toList());
        return this;
    }

    private void restore(List<Resumable> kept, List<Serializable> states) {
        if (states.size() != kept.size()) {
            out.println("The checkpoint keeps no states of the run's random draws (an earlier version saved it): "
                    + "they start afresh");
            return;
        }
        for (int i = 0; i < kept.size(); i++) {
            kept.get(i).restore(states.get(i));
        }
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
        return fit(new INDArray[] {x}, new INDArray[] {y}, epochs, batchSize,
                xVal == null ? null : new INDArray[] {xVal}, yVal == null ? null : new INDArray[] {yVal});
    }

    /** {@code model.fit([x1, x2], [y1, y2, y3], epochs=epochs, batch_size=batchSize)}: the arrays in the model's order. */
    public History fit(INDArray[] x, INDArray[] y, int epochs, int batchSize) {
        return fit(x, y, epochs, batchSize, null, null);
    }

    /** {@code model.fit({'text': x1, ...}, {'age': y1, ...}, epochs=epochs, batch_size=batchSize)}: arrays by name. */
    public History fit(Map<String, INDArray> x, Map<String, INDArray> y, int epochs, int batchSize) {
        return fit(inOrder(x, network.inputNames(), "input"), inOrder(y, network.outputNames(), "output"), epochs,
                batchSize);
    }

    /** {@code model.fit([x1, x2], [y1, y2], epochs, batch_size, validation_data=([...], [...]))}. */
    public History fit(INDArray[] x, INDArray[] y, int epochs, int batchSize, INDArray[] xVal, INDArray[] yVal) {
        requireModelShape(x, y, "training");
        if ((xVal == null) != (yVal == null)) {
            throw new IllegalArgumentException("Validation needs both inputs and targets");
        }
        if (xVal != null) {
            requireModelShape(xVal, yVal, "validation");
        }
        return train(epochs, () -> shuffledBatches(x, y, batchSize), steps(x[0].size(0), batchSize),
                xVal == null ? null : () -> batches(xVal, yVal, inferenceBatchSize(xVal, batchSize)));
    }

    /**
     * {@code model.fit(x, y, epochs, batch_size, validation_split=validationSplit)}: the last {@code validationSplit}
     * of the samples, as they come (Keras splits before it shuffles), validate; the others train.
     */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize, double validationSplit) {
        if (!(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validation_split must be between 0 and 1, got " + validationSplit);
        }
        requireModelShape(new INDArray[] {x}, new INDArray[] {y}, "training");
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
     * An iterator that supports it is read ahead of training in a background thread (DL4J's
     * {@code AsyncDataSetIterator}, started after the reset, so no batch it made is thrown away).
     */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation) {
        requireOneInputAndOutput();
        return train(epochs, () -> passOver(train), -1, validation == null ? null : () -> passOver(validation));
    }

    /** {@code model.evaluate(x, y)}: the loss and the metrics, by Keras name. */
    public Map<String, Double> evaluate(INDArray x, INDArray y) {
        return evaluate(new INDArray[] {x}, new INDArray[] {y});
    }

    /** {@code model.evaluate([x1, x2], [y1, y2])}: the arrays in the model's order. */
    public Map<String, Double> evaluate(INDArray[] x, INDArray[] y) {
        requireModelShape(x, y, "evaluation");
        return pass(batches(x, y, inferenceBatchSize(x, 32)), this::inferenceStep, "", null);
    }

    /** {@code model.evaluate_generator(data)}: one pass over the iterator. */
    public Map<String, Double> evaluate(DataSetIterator data) {
        requireOneInputAndOutput();
        return pass(passOver(data), this::inferenceStep, "", null);
    }

    /** {@code model.predict(x)}: the outputs (probabilities for softmax and sigmoid outputs). */
    public INDArray predict(INDArray x) {
        requireOneInputAndOutput();
        return predict(new INDArray[] {x})[0];
    }

    /** {@code model.predict([x1, x2])}: one array per output, in the model's order. */
    public INDArray[] predict(INDArray[] x) {
        requireInputs(x, "prediction");
        List<List<INDArray>> outputs = new ArrayList<>();
        for (int output = 0; output < outputs(); output++) {
            outputs.add(new ArrayList<>());
        }
        int batchSize = inferenceBatchSize(x, 32);
        for (long start = 0; start < x[0].size(0); start += batchSize) {
            INDArray[] batch = network.output(rows(x, start, Math.min(x[0].size(0), start + batchSize)));
            for (int output = 0; output < batch.length; output++) {
                outputs.get(output).add(batch[output]);
            }
        }
        return outputs.stream().map(parts -> Nd4j.concat(0, parts.toArray(INDArray[]::new))).toArray(INDArray[]::new);
    }

    /** A source of the batches of one epoch. */
    private interface Epoch {
        Iterator<MultiDataSet> batches();
    }

    private History train(int epochs, Epoch training, long steps, Epoch validation) {
        History history = History.of(resumed.asMap());
        EpochProgress progress = new EpochProgress(out, verbose && EpochProgress.terminal());
        if (needsPredictions()) {
            network.model().addListeners(batchOutputs);
        }
        Control control = new Control();
        beforeFirstEpoch.run();
        beforeFirstEpoch = () -> { };
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
                saveCheckpoint.accept(epoch, history); // last: after what the epoch's listeners drew
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

    /** One batch's loss, each output's own loss (of a model of several outputs), and predictions. */
    private record Step(double loss, double[] outputLosses, INDArray[] predictions) {
    }

    /** Metrics and the losses of several outputs need the batches' predictions; a single loss does not. */
    private boolean needsPredictions() {
        return outputs() > 1 || metrics.stream().anyMatch(list -> !list.isEmpty());
    }

    /** Training: the step's loss before the update, and the predictions of its own forward pass. */
    private Step trainingStep(MultiDataSet batch) {
        double loss = network.fit(batch);
        INDArray[] predictions = needsPredictions() ? batchOutputs.last() : null;
        return new Step(loss, outputs() > 1 ? outputLosses(predictions, batch) : null, predictions);
    }

    /**
     * Evaluation: inference-mode predictions and the loss computed from them, one forward pass as in Keras;
     * DL4J's own score (a second pass) where the output layer's loss can't be computed from the predictions
     * or the batch has masks.
     */
    private Step inferenceStep(MultiDataSet batch) {
        INDArray[] predictions = network.output(batch.getFeatures());
        if (outputs() > 1) {
            double[] losses = outputLosses(predictions, batch);
            double total = network.regularization();
            for (int output = 0; output < losses.length; output++) {
                total += outputLosses.get(output).orElseThrow().weight() * losses[output];
            }
            return new Step(total, losses, predictions);
        }
        Optional<OutputLoss> outputLoss = outputLosses.get(0);
        double loss = outputLoss.isEmpty() || batch.hasMaskArrays() ? network.loss(batch)
                : outputLoss.get().weight() * outputLoss.get().of(predictions[0], batch.getLabels(0))
                        + network.regularization();
        return new Step(loss, null, predictions);
    }

    private double[] outputLosses(INDArray[] predictions, MultiDataSet batch) {
        double[] losses = new double[predictions.length];
        for (int output = 0; output < losses.length; output++) {
            losses[output] = outputLosses.get(output).orElseThrow().of(predictions[output], batch.getLabels(output));
        }
        return losses;
    }

    /** Runs {@code step} over the batches and averages losses and metrics over the samples, as Keras does. */
    private Map<String, Double> pass(Iterator<MultiDataSet> batches, Function<MultiDataSet, Step> step, String prefix,
                                     EpochProgress progress) {
        double lossSum = 0;
        double[] outputLossSums = new double[outputs()];
        double[][] metricSums = metrics.stream().map(list -> new double[list.size()]).toArray(double[][]::new);
        long samples = 0;
        for (int batchNumber = 1; batches.hasNext(); batchNumber++) {
            MultiDataSet batch = batches.next();
            long size = batch.getFeatures(0).size(0);
            Step result = step.apply(batch);
            if (!Double.isFinite(result.loss())) {
                throw new TrainingDivergedException("The " + (prefix.isEmpty() ? "training" : "validation") + " loss is "
                        + result.loss() + " at batch " + batchNumber + ": training diverged or "
                        + "the data holds NaN or infinite values; check the inputs and lower the learning rate");
            }
            lossSum += result.loss() * size;
            for (int output = 0; output < outputs(); output++) {
                if (result.outputLosses() != null) {
                    outputLossSums[output] += result.outputLosses()[output] * size;
                }
                List<Metric> outputMetrics = metrics.get(output);
                for (int m = 0; m < outputMetrics.size(); m++) {
                    metricSums[output][m] += outputMetrics.get(m).batchSum(result.predictions()[output],
                            batch.getLabels(output));
                }
            }
            samples += size;
            if (progress != null) {
                progress.step(lossSum / samples);
            }
        }
        if (samples == 0) {
            throw new IllegalArgumentException("No data to " + (prefix.isEmpty() ? "train on or evaluate" : "validate on"));
        }
        return averages(lossSum, outputLossSums, metricSums, samples, prefix);
    }

    /** Keras' names and order: {@code loss}, each output's loss, each output's metrics; {@code loss, acc} for one. */
    private Map<String, Double> averages(double lossSum, double[] outputLossSums, double[][] metricSums, long samples,
                                         String prefix) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(prefix + "loss", lossSum / samples);
        List<String> names = network.outputNames();
        String[] outputPrefixes = new String[outputs()];
        for (int output = 0; output < outputs(); output++) {
            outputPrefixes[output] = outputs() == 1 ? prefix : prefix + names.get(output) + "_";
            if (outputs() > 1) {
                values.put(outputPrefixes[output] + "loss", outputLossSums[output] / samples);
            }
        }
        for (int output = 0; output < outputs(); output++) {
            List<Metric> outputMetrics = metrics.get(output);
            for (int m = 0; m < outputMetrics.size(); m++) {
                values.put(outputPrefixes[output] + outputMetrics.get(m).kerasName(), metricSums[output][m] / samples);
            }
        }
        return values;
    }

    private Iterator<MultiDataSet> shuffledBatches(INDArray[] x, INDArray[] y, int batchSize) {
        int n = Math.toIntExact(x[0].size(0));
        int[] order = Permutations.shuffled(n, shuffle);
        // One buffer per array for the epoch's full batches: a fresh 20 MB batch per IMDB step costs more in
        // off-heap allocation and garbage collection than the training step itself.
        DataType type = network.dataType();
        BatchBuffer[] features = Arrays.stream(x).map(a -> new BatchBuffer(a, Math.min(batchSize, n), type))
                .toArray(BatchBuffer[]::new);
        BatchBuffer[] labels = Arrays.stream(y).map(a -> new BatchBuffer(a, Math.min(batchSize, n), type))
                .toArray(BatchBuffer[]::new);
        return new BatchIterator(n, batchSize, (start, end) -> {
            int[] rows = Arrays.copyOfRange(order, start, end);
            return new MultiDataSet(gather(features, rows), gather(labels, rows));
        });
    }

    private static INDArray[] gather(BatchBuffer[] buffers, int[] rows) {
        return Arrays.stream(buffers).map(buffer -> buffer.gather(rows)).toArray(INDArray[]::new);
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

    private static Iterator<MultiDataSet> batches(INDArray[] x, INDArray[] y, int batchSize) {
        return new BatchIterator(Math.toIntExact(x[0].size(0)), batchSize,
                (start, end) -> new MultiDataSet(rows(x, start, end), rows(y, start, end)));
    }

    /** The iterator's batches as batches of one input and one output, masks kept. */
    private static Iterator<MultiDataSet> passOver(DataSetIterator iterator) {
        iterator.reset();
        DataSetIterator batches = iterator.asyncSupported()
                ? new AsyncDataSetIterator(iterator, BATCHES_READ_AHEAD, false) : iterator;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = batches.hasNext();
                if (!more && batches instanceof AsyncDataSetIterator ahead) {
                    ahead.shutdown();
                }
                return more;
            }

            @Override
            public MultiDataSet next() {
                DataSet batch = batches.next();
                return new MultiDataSet(batch.getFeatures(), batch.getLabels(), batch.getFeaturesMaskArray(),
                        batch.getLabelsMaskArray());
            }
        };
    }

    private static INDArray[] rows(INDArray[] arrays, long start, long end) {
        return Arrays.stream(arrays).map(array -> array.get(NDArrayIndex.interval(start, end)))
                .toArray(INDArray[]::new);
    }

    /**
     * Inference keeps no gradients, so small samples go at least 512 at a time whatever the training batch
     * (Boston's batch of 1 would make each validation 101 tiny passes; the values are the same); large ones,
     * such as images, keep the training batch's memory bound.
     */
    private static int inferenceBatchSize(INDArray[] x, int batchSize) {
        long valuesPerSample = Arrays.stream(x).mapToLong(array -> array.length() / Math.max(1, array.size(0))).sum();
        return valuesPerSample <= 10_000 ? Math.max(batchSize, 512) : batchSize;
    }

    private static long steps(long samples, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        return (samples + batchSize - 1) / batchSize;
    }

    private int outputs() {
        return network.outputNames().size();
    }

    private void requireOneInputAndOutput() {
        if (network.inputNames().size() != 1 || outputs() != 1) {
            throw new IllegalArgumentException("The model has " + network.inputNames().size() + " inputs and "
                    + outputs() + " outputs: pass one array for each (in the model's order or by name)");
        }
    }

    /** One array per input, all with the same number of samples. */
    private void requireInputs(INDArray[] x, String what) {
        requireCount(x, network.inputNames(), "input");
        for (INDArray array : x) {
            if (array.size(0) != x[0].size(0)) {
                throw new IllegalArgumentException("The " + what + " inputs have " + x[0].size(0) + " and "
                        + array.size(0) + " samples: every array needs one row per sample");
            }
        }
    }

    /** One array per input and per output, all with the same number of samples. */
    private void requireModelShape(INDArray[] x, INDArray[] y, String what) {
        requireInputs(x, what);
        requireCount(y, network.outputNames(), "output");
        for (INDArray array : y) {
            if (array.size(0) != x[0].size(0)) {
                throw new IllegalArgumentException("The " + what + " inputs have " + x[0].size(0)
                        + " samples but the targets " + array.size(0));
            }
        }
    }

    private static void requireCount(INDArray[] arrays, List<String> names, String what) {
        if (arrays.length != names.size()) {
            throw new IllegalArgumentException("The model has " + names.size() + " " + what + (names.size() == 1 ? "" : "s")
                    + " " + names + " but was given " + arrays.length + " array" + (arrays.length == 1 ? "" : "s"));
        }
    }

    /** Keras' dict of arrays by input or output name, in the model's order; every name given once. */
    private static INDArray[] inOrder(Map<String, INDArray> byName, List<String> names, String what) {
        for (String name : byName.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("The model has no " + what + " named " + name + "; its " + what
                        + "s are " + names);
            }
        }
        return names.stream().map(name -> {
            INDArray array = byName.get(name);
            if (array == null) {
                throw new IllegalArgumentException("No array for the model's " + what + " " + name);
            }
            return array;
        }).toArray(INDArray[]::new);
    }

    /** Consecutive batches of {@code batchSize} samples (the last one smaller), made on demand. */
    private static final class BatchIterator implements Iterator<MultiDataSet> {
        interface Slicer {
            MultiDataSet slice(int start, int end);
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
        public MultiDataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int end = Math.min(samples, next + batchSize);
            MultiDataSet batch = slicer.slice(next, end);
            next = end;
            return batch;
        }
    }
}
