package dlwj.chapter06;

import static dlwj.training.NumpyNames.shape;

import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import dlwj.training.cli.ExampleOptions;
import dlwj.training.cli.Examples;
import dlwj.training.layers.Output;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book sections 6.2.1-6.2.3, "A recurrent layer in Keras" and "Understanding the LSTM and GRU layers" (listings
 * 6.22-6.27): Keras' summaries of an {@code Embedding} followed by {@code SimpleRNN} layers that return their
 * last output or the whole sequence, then IMDB reviews cut to 500 words classified by {@code Embedding(10000,
 * 32)}, {@code SimpleRNN(32)} and {@code Dense(1, sigmoid)}, 10 epochs of 128 with {@code validation_split=0.2}
 * (the book: validation accuracy up to 0.846, an unsteady curve), or with {@code --lstm} by an {@code LSTM(32)}
 * (the book: up to 0.89).
 */
@Command(name = "ImdbRecurrent", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.2: IMDB, 500 words, Embedding(10000, 32) + SimpleRNN(32), or LSTM(32) with --lstm.")
public final class ImdbRecurrent implements Callable<Integer> {

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
        SequenceData imdb = Imdb.loadData(maxFeatures);
        imdb = imdb.first(options.samples(imdb.trainSequences().length, 2_000),
                options.samples(imdb.testSequences().length, 500));
        System.out.println(imdb.trainSequences().length + " train sequences");
        System.out.println(imdb.testSequences().length + " test sequences");
        INDArray inputTrain = Sequences.embeddingInput(Sequences.padSequences(imdb.trainSequences(), maxlen));
        INDArray inputTest = Sequences.embeddingInput(Sequences.padSequences(imdb.testSequences(), maxlen));
        INDArray yTrain = Labels.asFloat32(imdb.trainLabels());
        System.out.println("input_train shape: " + shape(inputTrain.shape()));
        System.out.println("input_test shape: " + shape(inputTest.shape()));

        // Listing 6.23 (6.27 with --lstm): training the model with Embedding and SimpleRNN (LSTM) layers
        MultiLayerNetwork model = model(options.seed(), maxFeatures, lstm);
        System.out.println(ModelSummary.of(model, InputType.recurrent(maxFeatures)));
        History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .fit(inputTrain, yTrain, options.epochs(10), options.batchSize(128), 0.2);

        // Listing 6.24: plotting results
        String name = lstm ? "imdb-lstm" : "imdb-simple-rnn";
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output(name + "-accuracy.png"));
        Plots.trainingAndValidation(history, "loss", "Training and validation loss",
                options.output(name + "-loss.png"));
        double best = history.highest("val_acc");
        System.out.printf("Highest validation accuracy %.4f at epoch %d%n", best,
                history.get("val_acc").indexOf(best) + 1);
        options.record("best_val_acc", best);
        return 0;
    }

    /**
     * Listings 6.23 and 6.27: {@code Embedding(maxFeatures, 32)}, {@code SimpleRNN(32)} or {@code LSTM(32)}
     * returning its last output, {@code Dense(1, sigmoid)}; rmsprop and binary crossentropy.
     */
    public static MultiLayerNetwork model(long seed, int maxFeatures, boolean lstm) {
        Layer recurrent = lstm ? KerasDefaults.lstm(32).build() : KerasDefaults.simpleRnn(32).build();
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(KerasDefaults.embedding(maxFeatures, 32).build())
                .layer(new LastTimeStep(recurrent))
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
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
            Layer simpleRnn = KerasDefaults.simpleRnn(32).build();
            layers.layer(i < count || lastReturnsSequences ? simpleRnn : new LastTimeStep(simpleRnn));
        }
        MultiLayerNetwork network = new MultiLayerNetwork(layers.setInputType(InputType.recurrent(10_000)).build());
        network.init();
        return ModelSummary.of(network, InputType.recurrent(10_000));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--lstm", description = "Listing 6.27: an LSTM(32) instead of the SimpleRNN(32).")
    boolean lstm;

    @Option(names = "--maxlen", paramLabel = "N", defaultValue = "500",
            description = "Words kept of each review, the last ones (default: ${DEFAULT-VALUE}, the book's).")
    int maxlen;

    @Mixin
    ExampleOptions options;
}
