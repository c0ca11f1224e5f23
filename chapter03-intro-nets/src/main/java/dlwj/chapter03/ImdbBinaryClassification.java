package dlwj.chapter03;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.datasets.WordIndex;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 3.4, "Classifying movie reviews: a binary classification example" (listings 3.1-3.11): IMDB
 * reviews as multi-hot vectors of the 10,000 most frequent words, two {@code Dense(16, relu)} layers and a
 * sigmoid output. Trains 20 epochs against a hold-out of 10,000 reviews and plots the curves (figures 3.7
 * and 3.8), then retrains from scratch for 4 epochs on all 25,000 and evaluates on the test set (book:
 * accuracy 0.885). The book's further experiments are options.
 */
@Command(name = "ImdbBinaryClassification", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 3.4: IMDB sentiment, Dense(16, relu) x2 + Dense(1, sigmoid); curves, then test accuracy.")
public final class ImdbBinaryClassification implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new ImdbBinaryClassification(), args);
    }

    @Override
    public Integer call() {
        // Listing 3.1: loading the IMDB dataset, the 10,000 most frequent words (600 + 300 reviews with --quick)
        // (train_data, train_labels), (test_data, test_labels) = imdb.load_data(num_words=10000)
        SequenceData imdb = ImdbVectors.forRun(Imdb.loadData(10_000, options.dataSource()), options);
        int[][] trainData = imdb.trainSequences();
        int[] trainLabels = imdb.trainLabels();
        int[][] testData = imdb.testSequences();
        int[] testLabels = imdb.testLabels();
        int trainCount = trainData.length;
        System.out.println("train_data[0] = " + Arrays.toString(Arrays.copyOf(trainData[0], 15)) + "...");
        System.out.println("train_labels[0] = " + trainLabels[0]);
        System.out.println("max word index = " + Arrays.stream(trainData).flatMapToInt(Arrays::stream).max().orElse(0));

        // Section 3.4.1: decoding a review back to English words (indices are offset by 3)
        WordIndex wordIndex = Imdb.wordIndex(options.dataSource());
        System.out.println("Review 0: " + wordIndex.decode(trainData[0]) + "\n");

        // Listing 3.2: encoding the integer sequences into a binary matrix (the book's vectorize_sequences),
        // the labels into float32
        INDArray xTrain = ImdbVectors.vectorizeSequences(trainData);
        INDArray xTest = ImdbVectors.vectorizeSequences(testData);
        INDArray yTrain = Labels.asFloat32(trainLabels);
        INDArray yTest = Labels.asFloat32(testLabels);

        // Listing 3.7: setting aside a validation set of 10,000 reviews
        int validationCount = options.samples(10_000, trainCount / 2);
        INDArray xVal = xTrain.get(interval(0, validationCount));
        INDArray partialXTrain = xTrain.get(interval(validationCount, trainCount));
        INDArray yVal = yTrain.get(interval(0, validationCount));
        INDArray partialYTrain = yTrain.get(interval(validationCount, trainCount));

        // Listings 3.3-3.4 and 3.8: the model, compiled with rmsprop, and trained for 20 epochs of 512
        Trainer trainer = new Trainer(buildModel(), Metric.ACCURACY).seed(options.seed());
        History history = trainer.fit(partialXTrain, partialYTrain, options.epochs(20), options.batchSize(512),
                xVal, yVal);

        // Listings 3.9-3.10: plotting the training and validation loss and accuracy
        Plots.trainingAndValidation(history, "loss", "Training and validation loss",
                options.output("imdb-loss.png"));
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output("imdb-accuracy.png"));
        System.out.printf("Lowest validation loss %.4f at epoch %d; highest validation accuracy %.4f%n%n",
                history.get("val_loss").get(history.bestEpoch("val_loss") - 1), history.bestEpoch("val_loss"),
                history.highest("val_acc"));

        // Listing 3.11: retraining a model from scratch on all training data, then evaluating it
        Trainer retrained = new Trainer(buildModel(), Metric.ACCURACY).seed(options.seed());
        retrained.fit(xTrain, yTrain, retrainEpochs, options.batchSize(512));
        Map<String, Double> results = retrained.evaluate(xTest, yTest);
        System.out.printf("test_loss: %.4f, test_acc: %.4f%n%n", results.get("loss"), results.get("acc"));
        options.record("test_loss", results.get("loss"));
        options.record("test_acc", results.get("acc"));

        // 3.4.5: using the trained network to generate predictions on new data
        INDArray predictions = retrained.predict(xTest.get(interval(0, Math.min(5, testData.length))));
        for (int i = 0; i < predictions.rows(); i++) {
            String review = wordIndex.decode(testData[i]);
            System.out.printf("%.4f (label %d) %s...%n", predictions.getDouble(i, 0), yTest.getInt(i, 0),
                    review.substring(0, Math.min(100, review.length())));
        }
        return 0;
    }

    /** Listings 3.3-3.4: the model definition and compilation, with the options' variations. */
    private MultiLayerNetwork buildModel() {
        return model(layers.choice(), options.seed(), hiddenLayers, units,
                activation.equals("tanh") ? Activation.TANH : Activation.RELU,
                loss.equals("mse") ? new LossMSE() : KerasDefaults.binaryCrossentropy());
    }

    /**
     * Listings 3.3-3.4: {@code hiddenLayers} {@code Dense(units, activation)} layers, then {@code Dense(1, sigmoid)};
     * rmsprop and {@code loss}. The book's: 2 layers of 16 units, relu, binary crossentropy.
     */
    public static MultiLayerNetwork model(LayerChoice choice, long seed, int hiddenLayers, int units,
                                          Activation activation, ILossFunction loss) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(seed).list();
        for (int i = 0; i < hiddenLayers; i++) {
            layers.layer(choice.dense(units, activation));
        }
        layers.layer(choice.output(1, Activation.SIGMOID, loss));
        return choice.initialise(new MultiLayerNetwork(layers.setInputType(InputType.feedForward(10_000)).build()));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--hidden-layers", paramLabel = "N", defaultValue = "2",
            description = "Hidden layers: 1, 2 (the book's) or 3 (default: ${DEFAULT-VALUE}).")
    int hiddenLayers;

    @Option(names = "--units", paramLabel = "N", defaultValue = "16",
            description = "Units per hidden layer: 16 (the book's), 32, 64... (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu (the book's) or tanh (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "binary_crossentropy",
            description = "binary_crossentropy (the book's) or mse (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--retrain-epochs", paramLabel = "N", defaultValue = "4",
            description = "Epochs of the final training on all 25,000 reviews (default: ${DEFAULT-VALUE}).")
    int retrainEpochs;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    @Override
    public void checkOptions() {
        if (hiddenLayers < 1 || hiddenLayers > 3) {
            throw new IllegalArgumentException("--hidden-layers must be 1, 2 or 3, not " + hiddenLayers);
        }
        if (units < 1) {
            throw new IllegalArgumentException("--units must be positive, not " + units);
        }
        if (!activation.equals("relu") && !activation.equals("tanh")) {
            throw new IllegalArgumentException("--activation must be relu or tanh, not " + activation);
        }
        if (!loss.equals("binary_crossentropy") && !loss.equals("mse")) {
            throw new IllegalArgumentException("--loss must be binary_crossentropy or mse, not " + loss);
        }
    }
}
