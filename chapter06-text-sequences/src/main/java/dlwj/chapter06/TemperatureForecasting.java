package dlwj.chapter06;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.ClimateData;
import dlwj.datasets.JenaClimate;
import dlwj.keras.layers.Bidirectional;
import dlwj.keras.layers.Dense;
import dlwj.keras.layers.Flatten;
import dlwj.keras.layers.Gru;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 6.3, "Advanced use of recurrent neural networks" (listings 6.28-6.43): the Jena climate series
 * (14 weather measurements every 10 minutes, 2009-2016), normalised on its first 200,000 rows, cut into
 * windows of the last 10 days, one row an hour, to forecast the temperature 24 hours later. The naive baseline
 * (tomorrow's temperature is today's; the book: validation MAE 0.29 of a standard deviation, 2.57 °C), then
 * with {@code --model} one of the book's models, trained on 500 batches of 128 random windows an epoch with
 * RMSprop and the mean absolute error: {@code dense} (listing 6.37; the book: best validation MAE 0.30),
 * {@code gru} (6.39; 0.265), {@code gru-dropout} (6.40, 40 epochs; 0.262), {@code stacked-gru} (6.41, 40 epochs;
 * 0.263), {@code reversed-gru} (6.42-6.43, the windows in reverse order; 0.399) or {@code bidirectional-gru}
 * (6.45, 40 epochs; 0.2615, at epoch 4 of the notebook's run); and
 * section 6.4's {@code conv1d} (6.47; 0.452) and {@code conv1d-gru} (6.48-6.49, windows of 720 rows, one in 3;
 * 0.273).
 */
@Command(name = "TemperatureForecasting", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.3: Jena climate, the temperature 24 h ahead: the naive baseline, then --model.")
public final class TemperatureForecasting implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new TemperatureForecasting(), args);
    }

    @Override
    public Integer call() {
        // Listings 6.28-6.29: inspecting the data of the Jena weather dataset; parsing it into float_data
        ClimateData climate = JenaClimate.loadData(options.dataSource());
        System.out.println(climate.header());
        System.out.println(climate.rows());
        float[] floatData = climate.floatData();
        int columns = climate.columns();

        // Listings 6.30-6.31: the temperature over the whole series and over its first 10 days
        List<Double> temp = new ArrayList<>(climate.rows());
        for (int row = 0; row < climate.rows(); row++) {
            temp.add((double) climate.get(row, TemperatureWindows.TEMPERATURE));
        }
        Plots.line(temp, "Temperature (every 10 minutes, 2009-2016)", "Row", "Temperature (degC)",
                options.output("jena-temperature.png"));
        Plots.line(temp.subList(0, Math.min(1440, temp.size())), "Temperature, the first 10 days", "Row",
                "Temperature (degC)", options.output("jena-temperature-10-days.png"));

        // Listing 6.32: normalising the data with the mean and standard deviation of the training rows
        Normalisation normalisation = Normalisation.of(floatData, columns, trainEnd);
        int lookback = lookback();
        int step = step();
        normalisation.apply(floatData);

        // Listing 6.33: the generators of training and validation windows (6.42: in reverse order)
        boolean reversed = model.equals("reversed-gru");
        int batchSize = options.batchSize(128);
        int valSteps = (validationEnd - (trainEnd + 1) - lookback) / batchSize;
        TemperatureWindows trainGen = TemperatureWindows.generator(floatData, columns).lookback(lookback).delay(delay)
                .minIndex(0).maxIndex(trainEnd).shuffle(true).step(step).batchSize(batchSize)
                .batchesPerPass(options.samples(stepsPerEpoch, 20)).reversed(reversed).seed(options.seed()).build();
        TemperatureWindows.Builder validation = TemperatureWindows.generator(floatData, columns).lookback(lookback)
                .delay(delay).minIndex(trainEnd + 1).maxIndex(validationEnd).step(step).batchSize(batchSize)
                .batchesPerPass(options.samples(valSteps, 10));
        TemperatureWindows valGen = validation.reversed(reversed).build();

        // Listing 6.35: computing the common-sense baseline MAE, the temperature 24 hours later being the last one
        // of each window in time order (whatever order the model reads them in)
        double naiveMae = evaluateNaiveMethod(validation.reversed(false).build());
        double celsius = normalisation.std()[TemperatureWindows.TEMPERATURE];
        System.out.printf("Naive method: validation MAE %.4f (%.2f degC)%n", naiveMae, naiveMae * celsius);
        options.record("naive_val_mae", naiveMae);
        if (model.equals("naive")) {
            return 0;
        }

        // Listings 6.37, 6.39, 6.40, 6.41, 6.43, 6.45, 6.47, 6.49: the model, trained with RMSprop on the mean absolute error
        MultiLayerNetwork network = model(model, layers.choice(), options.seed(), columns, trainGen.steps());
        System.out.println(ModelSummary.of(network, InputType.recurrent(columns, trainGen.steps())));
        History history = new Trainer(network).seed(options.seed()).fit(trainGen, options.epochs(bookEpochs()), valGen);

        // Listing 6.38: plotting the results
        Plots.trainingAndValidation(history, "loss", "Training and validation loss",
                options.output("jena-" + model + "-loss.png"));
        double best = history.get("val_loss").get(history.bestEpoch("val_loss") - 1);
        System.out.printf("Lowest validation MAE %.4f (%.2f degC) at epoch %d; the naive method's %.4f%n", best,
                best * celsius, history.bestEpoch("val_loss"), naiveMae);
        options.record("best_val_mae", best);
        return 0;
    }

    /**
     * Listing 6.35's {@code evaluate_naive_method}: over the validation batches, the mean absolute difference
     * between each window's last temperature and its target.
     */
    static double evaluateNaiveMethod(TemperatureWindows valGen) {
        List<Double> batchMaes = new ArrayList<>();
        valGen.reset();
        while (valGen.hasNext()) {
            DataSet batch = valGen.next();
            long steps = batch.getFeatures().size(2);
            double sum = 0;
            for (int j = 0; j < batch.numExamples(); j++) {
                double pred = batch.getFeatures().getDouble(j, TemperatureWindows.TEMPERATURE, steps - 1);
                sum += Math.abs(pred - batch.getLabels().getDouble(j, 0));
            }
            batchMaes.add(sum / batch.numExamples());
        }
        valGen.reset();
        return batchMaes.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /**
     * The book's models of section 6.3 over windows of {@code steps} steps of {@code features} measurements:
     * {@code dense}: Flatten, Dense(32, relu), Dense(1); {@code gru} and {@code reversed-gru}: GRU(32),
     * Dense(1); {@code gru-dropout}: GRU(32, dropout=0.2, recurrent_dropout=0.2), Dense(1);
     * {@code stacked-gru}: GRU(32, dropout=0.1, recurrent_dropout=0.5, return_sequences=True), GRU(64, relu,
     * dropout=0.1, recurrent_dropout=0.5), Dense(1); {@code bidirectional-gru}: Bidirectional(GRU(32)), Dense(1);
     * {@code conv1d}: Conv1D(32, 5, relu), MaxPooling1D(3), Conv1D(32, 5, relu), MaxPooling1D(3), Conv1D(32, 5,
     * relu), GlobalMaxPooling1D(), Dense(1); {@code conv1d-gru}: Conv1D(32, 5, relu), MaxPooling1D(3), Conv1D(32,
     * 5, relu), GRU(32, dropout=0.1, recurrent_dropout=0.5), Dense(1). RMSprop and the mean absolute error.
     */
    public static MultiLayerNetwork model(String name, LayerChoice choice, long seed, int features, int steps) {
        requireStockTwins(name, choice);
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(seed).list();
        switch (name) {
            case "dense" -> layers.layer(new Flatten.Builder().build())
                    .layer(new Dense.Builder().nOut(32).activation(Activation.RELU).build());
            case "gru", "reversed-gru" -> layers.layer(new Gru.Builder(32).build());
            case "bidirectional-gru" -> layers.layer(new Bidirectional(new Gru.Builder(32).returnSequences(true).build()));
            case "gru-dropout" -> layers.layer(new Gru.Builder(32).dropout(0.2).recurrentDropout(0.2).build());
            case "stacked-gru" -> layers
                    .layer(new Gru.Builder(32).dropout(0.1).recurrentDropout(0.5).returnSequences(true).build())
                    .layer(new Gru.Builder(64).activation(Activation.RELU).dropout(0.1).recurrentDropout(0.5).build());
            case "conv1d" -> layers.layer(KerasDefaults.conv1D(32, 5, Activation.RELU).build())
                    .layer(KerasDefaults.maxPooling1D(3))
                    .layer(KerasDefaults.conv1D(32, 5, Activation.RELU).build())
                    .layer(KerasDefaults.maxPooling1D(3))
                    .layer(KerasDefaults.conv1D(32, 5, Activation.RELU).build())
                    .layer(KerasDefaults.globalMaxPooling1D());
            case "conv1d-gru" -> layers.layer(KerasDefaults.conv1D(32, 5, Activation.RELU).build())
                    .layer(KerasDefaults.maxPooling1D(3))
                    .layer(KerasDefaults.conv1D(32, 5, Activation.RELU).build())
                    .layer(new Gru.Builder(32).dropout(0.1).recurrentDropout(0.5).build());
            default -> throw new IllegalArgumentException("No model '" + name + "': " + MODELS);
        }
        layers.layer(choice.output(1, Activation.IDENTITY, new LossMAE()));
        // the dense model flattens windows of a known length; the recurrent ones take any length
        return choice.initialise(new MultiLayerNetwork(layers
                .setInputType(name.equals("dense") ? InputType.recurrent(features, steps) : InputType.recurrent(features))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    static final String MODELS = "naive, dense, gru, gru-dropout, stacked-gru, reversed-gru, bidirectional-gru, conv1d, "
            + "conv1d-gru";

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "naive",
            description = "The model: " + MODELS + " (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--lookback", paramLabel = "ROWS",
            description = "Rows each window looks back (default: 1440, 10 days; 720 for conv1d-gru).")
    Integer lookback;

    @Option(names = "--step", paramLabel = "ROWS",
            description = "One row in this many is kept (default: 6, one an hour; 3 for conv1d-gru).")
    Integer step;

    @Option(names = "--delay", paramLabel = "ROWS", defaultValue = "144",
            description = "The target is this many rows after the window: 144, 24 hours (default: ${DEFAULT-VALUE}).")
    int delay;

    @Option(names = "--train-end", paramLabel = "ROW", defaultValue = "200000",
            description = "Windows before this row train (and normalise) (default: ${DEFAULT-VALUE}).")
    int trainEnd;

    @Option(names = "--validation-end", paramLabel = "ROW", defaultValue = "300000",
            description = "Windows from --train-end + 1 to this row validate (default: ${DEFAULT-VALUE}).")
    int validationEnd;

    @Option(names = "--steps-per-epoch", paramLabel = "N", defaultValue = "500",
            description = "Batches of random training windows per epoch (default: ${DEFAULT-VALUE}).")
    int stepsPerEpoch;

    @Mixin
    LayersOption layers;

    @Mixin
    ExampleOptions options;

    /** With {@code --layers dl4j}, refuses the models with a layer DL4J lacks: all but {@code conv1d}. */
    private static void requireStockTwins(String model, LayerChoice layers) {
        if (model.equals("dense")) {
            layers.requireStockTwin("Flatten", "after a sequence, DL4J's dense layers read each step on its own");
        } else if (model.contains("gru")) {
            layers.requireStockTwin("GRU", "its recurrent layers are SimpleRnn and LSTM");
        }
    }

    @Override
    public void checkOptions() {
        CheckedOptions.requireOneOf("--model", model, MODELS);
        requireStockTwins(model, layers.choice());
        int lookback = lookback();
        int step = step();
        if (lookback < step || step < 1 || delay < 0 || trainEnd <= lookback || validationEnd <= trainEnd + lookback
                || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("Windows need 1 <= --step <= --lookback < --train-end, --train-end + "
                    + "--lookback < --validation-end, --delay >= 0 and --steps-per-epoch >= 1");
        }
        // what the convolutions and poolings leave of a window must be at least one step
        int fewest = model.equals("conv1d") ? 61 : model.equals("conv1d-gru") ? 19 : 1;
        if (lookback / step < fewest) {
            throw new IllegalArgumentException("--model " + model + " needs windows of at least " + fewest
                    + " steps (--lookback / --step), not " + lookback / step);
        }
    }

    /** The book's epochs: 40 for the models with dropout and the bidirectional GRU (6.40, 6.41, 6.45), else 20. */
    private int bookEpochs() {
        return switch (model) {
            case "gru-dropout", "stacked-gru", "bidirectional-gru" -> 40;
            default -> 20;
        };
    }

    /** {@code --lookback}, or the book's: 1440 rows, 10 days; 720 for conv1d-gru (listing 6.48). */
    private int lookback() {
        return lookback != null ? lookback : model.equals("conv1d-gru") ? 720 : 1440;
    }

    /** {@code --step}, or the book's: one row in 6, one an hour; one in 3 for conv1d-gru (listing 6.48). */
    private int step() {
        return step != null ? step : model.equals("conv1d-gru") ? 3 : 6;
    }
}
