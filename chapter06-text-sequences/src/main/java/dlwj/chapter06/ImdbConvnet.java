package dlwj.chapter06;

import static dlwj.training.NumpyNames.shape;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 6.4.3, "Implementing a 1D convnet" (listings 6.45-6.46): IMDB reviews cut to their last 500
 * words, {@code Embedding(10000, 128)}, two {@code Conv1D(32, 7, relu)} with {@code MaxPooling1D(5)} between
 * them, {@code GlobalMaxPooling1D}, {@code Dense(1)}; RMSprop at 1e-4, binary crossentropy, 10 epochs of 128
 * with {@code validation_split=0.2}. The book reaches a validation accuracy of 0.838. Its last layer has no
 * sigmoid: Keras clips the linear output into (0, 1) for the loss and rounds it for the accuracy, and so does
 * this example (see {@code KerasBinaryCrossentropy}), which is why the book's training accuracy falls again in
 * its last epochs as the outputs grow past 1.5.
 */
@Command(name = "ImdbConvnet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.4.3: IMDB, 500 words, Embedding(10000, 128) + two Conv1D(32, 7) + Dense(1).")
public final class ImdbConvnet implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new ImdbConvnet(), args);
    }

    @Override
    public Integer call() {
        // Listing 6.45: preparing the IMDB data (2,000 + 500 reviews with --quick)
        int maxFeatures = 10_000; // number of words to consider as features
        SequenceData imdb = Imdb.loadData(maxFeatures, options.dataSource());
        imdb = imdb.first(options.samples(imdb.trainSequences().length, 2_000),
                options.samples(imdb.testSequences().length, 500));
        System.out.println(imdb.trainSequences().length + " train sequences");
        System.out.println(imdb.testSequences().length + " test sequences");
        INDArray xTrain = Sequences.embeddingInput(Sequences.padSequences(imdb.trainSequences(), maxLen));
        INDArray xTest = Sequences.embeddingInput(Sequences.padSequences(imdb.testSequences(), maxLen));
        INDArray yTrain = Labels.asFloat32(imdb.trainLabels());
        System.out.println("x_train shape: " + shape(xTrain.shape()));
        System.out.println("x_test shape: " + shape(xTest.shape()));

        // Listing 6.46: training and evaluating a simple 1D convnet on the IMDB data
        MultiLayerNetwork model = model(layers.choice(), options.seed(), maxFeatures, maxLen);
        System.out.println(ModelSummary.of(model, InputType.recurrent(maxFeatures, maxLen)));
        History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .fit(xTrain, yTrain, options.epochs(10), options.batchSize(128), 0.2);

        AccuracyCurves.plotAndReport(history, "imdb-conv1d", "best_val_acc", options);
        return 0;
    }

    /**
     * Listing 6.46: {@code Embedding(maxFeatures, 128, input_length=maxLen)}, {@code Conv1D(32, 7, relu)},
     * {@code MaxPooling1D(5)}, {@code Conv1D(32, 7, relu)}, {@code GlobalMaxPooling1D()}, {@code Dense(1)};
     * {@code RMSprop(lr=1e-4)} and binary crossentropy.
     */
    public static MultiLayerNetwork model(LayerChoice layers, long seed, int maxFeatures, int maxLen) {
        return model(layers, seed, maxFeatures, maxLen, 1e-4);
    }

    /** Listing 6.46's model trained by RMSprop at {@code learningRate} (listing 7.7 compiles it with 'rmsprop'). */
    public static MultiLayerNetwork model(LayerChoice layers, long seed, int maxFeatures, int maxLen,
            double learningRate) {
        return layers.initialise(new MultiLayerNetwork(KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(learningRate))
                .list()
                .layer(layers.embedding(maxFeatures, 128).inputLength(maxLen).build())
                .layer(KerasDefaults.conv1D(32, 7, Activation.RELU).build())
                .layer(KerasDefaults.maxPooling1D(5))
                .layer(KerasDefaults.conv1D(32, 7, Activation.RELU).build())
                .layer(KerasDefaults.globalMaxPooling1D())
                .layer(layers.output(1, Activation.IDENTITY, KerasDefaults.binaryCrossentropy()))
                .setInputType(InputType.recurrent(maxFeatures, maxLen))
                .validateOutputLayerConfig(false) // DL4J refuses the book's linear output with binary crossentropy
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--max-len", paramLabel = "N", defaultValue = "500",
            description = "Words kept of each review, the last ones (default: ${DEFAULT-VALUE}, the book's).")
    int maxLen;

    @Mixin
    LayersOption layers;

    @Mixin
    ExampleOptions options;
}
