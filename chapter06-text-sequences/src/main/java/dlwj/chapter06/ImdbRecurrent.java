package dlwj.chapter06;

import static dlwj.training.NumpyNames.shape;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.keras.layers.Bidirectional;
import dlwj.keras.layers.Lstm;
import dlwj.keras.layers.SimpleRnn;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book sections 6.2.1-6.2.3, "A recurrent layer in Keras" and "A concrete LSTM example in Keras" (listings
 * 6.22-6.27), and the IMDB half of 6.3.8, "Using bidirectional RNNs" (listings 6.42 and 6.44): Keras' summaries
 * of an {@code Embedding} followed by {@code SimpleRNN} layers that return their last output or the whole
 * sequence, then IMDB reviews cut to their last 500 words, classified after 10 epochs of 128 with
 * {@code validation_split=0.2} by {@code --model}: {@code simple-rnn}, Embedding(10000, 32), SimpleRNN(32),
 * Dense(1, sigmoid) (the book: best validation accuracy 0.846, an unsteady curve); {@code lstm}, the same with
 * LSTM(32) (0.89); {@code reversed-lstm}, Embedding(10000, 128) and LSTM(32) reading each review backwards
 * (0.877); {@code bidirectional-lstm}, Bidirectional(LSTM(32)) (0.886). The book's notebook trains the
 * bidirectional LSTM on the reviews its cell before reversed; {@code --reversed-input} does the same.
 */
@Command(name = "ImdbRecurrent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.2-6.3.8: IMDB, 500 words, Embedding + SimpleRNN(32), or --model lstm, reversed-lstm...")
public final class ImdbRecurrent implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new ImdbRecurrent(), args);
    }

    @Override
    public Integer call() {
        // Listing 6.22 and the summaries before it: a SimpleRNN returning its last output, then the full
        // sequence, then a stack of them (the last returning its last output only)
        System.out.println(simpleRnnSummary(1, false));
        System.out.println(simpleRnnSummary(1, true));
        System.out.println(simpleRnnSummary(4, false));

        // Listing 6.22: preparing the IMDB data (2,000 + 500 reviews with --quick)
        int maxFeatures = 10_000; // number of words to consider as features
        SequenceData imdb = Imdb.loadData(maxFeatures, options.dataSource());
        imdb = imdb.first(options.samples(imdb.trainSequences().length, 2_000),
                options.samples(imdb.testSequences().length, 500));
        System.out.println(imdb.trainSequences().length + " train sequences");
        System.out.println(imdb.testSequences().length + " test sequences");
        int[][] train = imdb.trainSequences();
        int[][] test = imdb.testSequences();
        if (model.equals("reversed-lstm") || reversedInput) {
            // Listing 6.42: reverses the sequences (x[::-1]) before padding
            train = reversed(train);
            test = reversed(test);
            System.out.println("Each review reversed (x[::-1])");
        }
        INDArray inputTrain = Sequences.embeddingInput(Sequences.padSequences(train, maxlen));
        INDArray inputTest = Sequences.embeddingInput(Sequences.padSequences(test, maxlen));
        INDArray yTrain = Labels.asFloat32(imdb.trainLabels());
        System.out.println("input_train shape: " + shape(inputTrain.shape()));
        System.out.println("input_test shape: " + shape(inputTest.shape()));

        // Listings 6.23, 6.27, 6.42 and 6.44: training the model with Embedding and recurrent layers
        MultiLayerNetwork network = model(model, layers.choice(), options.seed(), maxFeatures);
        System.out.println(ModelSummary.of(network, InputType.recurrent(maxFeatures)));
        History history = new Trainer(network, Metric.ACCURACY).seed(options.seed())
                .fit(inputTrain, yTrain, options.epochs(10), options.batchSize(128), 0.2);

        // Listing 6.24: plotting results
        AccuracyCurves.plotAndReport(history, "imdb-" + model, "best_val_acc", options);
        return 0;
    }

    /**
     * Listings 6.23, 6.27, 6.42 and 6.44: {@code Embedding(maxFeatures, 32)} (128 for {@code reversed-lstm}),
     * the model's recurrent layer returning its last output ({@code SimpleRNN(32)}, {@code LSTM(32)} or
     * {@code Bidirectional(LSTM(32))}), {@code Dense(1, sigmoid)}; rmsprop and binary crossentropy.
     */
    public static MultiLayerNetwork model(String name, LayerChoice layers, long seed, int maxFeatures) {
        int embeddingDim = name.equals("reversed-lstm") ? 128 : 32;
        Layer recurrent = switch (name) {
            case "simple-rnn" -> layers.simpleRnn(embeddingDim, 32);
            case "lstm", "reversed-lstm" -> layers.lstm(embeddingDim, 32);
            case "bidirectional-lstm" -> new Bidirectional(new Lstm.Builder(32).returnSequences(true).build());
            default -> throw new IllegalArgumentException("No model '" + name + "': " + MODELS);
        };
        return layers.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(layers.embedding(maxFeatures, embeddingDim).build())
                .layer(recurrent)
                .layer(layers.output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()))
                .setInputType(InputType.recurrent(maxFeatures))
                .build()));
    }

    /**
     * Keras' summary of {@code Embedding(10000, 32)} followed by {@code count} {@code SimpleRNN(32)} layers, each
     * returning its whole sequence but the last, which does so only if {@code lastReturnsSequences}.
     */
    private static String simpleRnnSummary(int count, boolean lastReturnsSequences) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(1).list()
                .layer(KerasDefaults.embedding(10_000, 32).build());
        for (int i = 1; i <= count; i++) {
            layers.layer(new SimpleRnn.Builder(32).returnSequences(i < count || lastReturnsSequences).build());
        }
        MultiLayerNetwork network = new MultiLayerNetwork(layers.setInputType(InputType.recurrent(10_000)).build());
        network.init();
        return ModelSummary.of(network, InputType.recurrent(10_000));
    }

    // The command line: the book's settings unless told otherwise

    static final String MODELS = "simple-rnn, lstm, reversed-lstm, bidirectional-lstm";

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "simple-rnn",
            description = "The model: " + MODELS + " (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--reversed-input",
            description = "Reverse each review before padding, as reversed-lstm does: the notebook's bidirectional LSTM "
                    + "trains on the reviews its cell before reversed.")
    boolean reversedInput;

    @Option(names = "--maxlen", paramLabel = "N", defaultValue = "500",
            description = "Words kept of each review, the last ones (default: ${DEFAULT-VALUE}, the book's).")
    int maxlen;

    @Mixin
    LayersOption layers;

    @Mixin
    ExampleOptions options;

    @Override
    public void checkOptions() {
        CheckedOptions.requireOneOf("--model", model, MODELS);
        if (model.equals("bidirectional-lstm")) {
            layers.choice().requireStockTwin("Bidirectional(LSTM)", "its Bidirectional ends each sequence on the "
                    + "backward direction's first step, not on its last state");
        }
        if (maxlen < 1) {
            throw new IllegalArgumentException("--maxlen must be positive, not " + maxlen);
        }
    }

    /** Each sequence's words in reverse order: {@code [x[::-1] for x in x_train]}. */
    private static int[][] reversed(int[][] sequences) {
        int[][] reversed = new int[sequences.length][];
        for (int i = 0; i < sequences.length; i++) {
            reversed[i] = new int[sequences[i].length];
            for (int j = 0; j < sequences[i].length; j++) {
                reversed[i][j] = sequences[i][sequences[i].length - 1 - j];
            }
        }
        return reversed;
    }
}
