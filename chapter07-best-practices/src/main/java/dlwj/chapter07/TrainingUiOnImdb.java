package dlwj.chapter07;

import static dlwj.training.NumpyNames.shape;

import dlwj.chapter06.AccuracyCurves;
import dlwj.chapter06.ImdbConvnet;
import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.training.History;
import dlwj.training.Labels;
import dlwj.training.Metric;
import dlwj.training.ModelGraph;
import dlwj.training.ModelSummary;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import dlwj.training.ui.TrainingUi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 7.2.2, "Introduction to TensorBoard" (listings 7.7-7.9), with DL4J's training UI in TensorBoard's
 * place: chapter 6's 1D convnet on IMDB reviews of the 2,000 most frequent words padded to 500, compiled with
 * {@code rmsprop} and binary crossentropy, {@code fit} for 20 epochs of 128 with {@code validation_split=0.2}, its
 * statistics recorded in {@code ui-stats.bin} (the TensorBoard callback's {@code log_dir}). With {@code --ui} the
 * UI shows them live at http://localhost:9000; {@code --show-stats FILE} serves a recorded file without training
 * ({@code tensorboard --logdir=my_log_dir}). Prints the highest validation accuracy.
 */
@Command(name = "TrainingUiOnImdb", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.2.2: listing 7.7's IMDB 1D convnet, 20 epochs, watched in DL4J's training UI (--ui).")
public final class TrainingUiOnImdb implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new TrainingUiOnImdb(), args);
    }

    @Override
    public Integer call() throws IOException {
        if (statsToShow != null) {
            // Listing 7.9: $ tensorboard --logdir=my_log_dir
            try (TrainingUi ui = TrainingUi.open(statsToShow, port)) {
                waitForEnter("The training UI shows " + statsToShow + " at " + ui.url().orElseThrow());
            }
            return 0;
        }

        // Listing 7.7: text-classification model to use with TensorBoard (2,000 reviews with --quick)
        int maxFeatures = 2_000; // number of words to consider as features
        int maxLen = 500; // cuts off texts after this number of words
        SequenceData imdb = Imdb.loadData(maxFeatures, options.dataSource());
        imdb = imdb.first(options.samples(imdb.trainSequences().length, 2_000), 0);
        INDArray xTrain = Sequences.embeddingInput(Sequences.padSequences(imdb.trainSequences(), maxLen));
        INDArray yTrain = Labels.asFloat32(imdb.trainLabels());
        System.out.println("x_train shape: " + shape(xTrain.shape()));

        MultiLayerNetwork model = ImdbConvnet.model(layers.choice(), options.seed(), maxFeatures, maxLen, 1e-3);
        System.out.println(ModelSummary.of(model, InputType.recurrent(maxFeatures, maxLen)));
        // Listing 7.10: plot_model(model, show_shapes=True, to_file='model.png')
        ModelGraph.plot(ModelGraph.dot(model, InputType.recurrent(maxFeatures, maxLen)), options.output("model.png"));

        // Listing 7.8: training the model with a TensorBoard callback (here DL4J's StatsListener)
        Path stats = options.output("ui-stats.bin");
        History history;
        try (TrainingUi ui = TrainingUi.record(model, stats, live ? Optional.of(port) : Optional.empty())) {
            ui.url().ifPresent(url -> System.out.println("Training UI: " + url));
            history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                    .fit(xTrain, yTrain, options.epochs(20), options.batchSize(128), 0.2);
            if (live) {
                waitForEnter("Training done; the UI stays at " + ui.url().orElseThrow());
            }
        }
        System.out.println("Training statistics in " + stats + " (./run 7.2.2 --show-stats " + stats + " shows them)");

        AccuracyCurves.plotAndReport(history, "imdb-conv1d-2000-words", "best_val_acc", options);
        return 0;
    }

    /** Keeps the UI up until the user presses Enter (or the input ends). */
    private static void waitForEnter(String message) throws IOException {
        System.out.println(message + ": press Enter to stop it");
        int read = System.in.read();
        while (read != -1 && read != '\n') {
            read = System.in.read();
        }
    }

    @Override
    public void checkOptions() {
        if (live || statsToShow != null) {
            TrainingUi.requirePortFree(port);
        }
        if (statsToShow != null) {
            TrainingUi.requireStatsFile(statsToShow);
        }
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--ui", description = "Show the training live in DL4J's training UI, in the browser.")
    boolean live;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000",
            description = "The port of the training UI (default: ${DEFAULT-VALUE}, DL4J's).")
    int port;

    @Option(names = "--show-stats", paramLabel = "FILE",
            description = "Serve the statistics a run recorded (its ui-stats.bin) in the training UI; no training.")
    Path statsToShow;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
