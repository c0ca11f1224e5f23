package dlwj.chapter07;

import static dlwj.training.NumpyNames.shape;

import dlwj.chapter06.AccuracyCurves;
import dlwj.chapter06.ImdbConvnet;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.training.History;
import dlwj.training.Labels;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.2.2, "Introduction to TensorBoard" (listings 7.7-7.8): the 1D convnet of chapter 6 on IMDB
 * reviews of the 2,000 most frequent words padded to 500, compiled with {@code rmsprop} and binary crossentropy,
 * {@code fit} for 20 epochs of 128 with {@code validation_split=0.2}. Prints the highest validation accuracy.
 */
@Command(name = "TrainingUi", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.2.2: listing 7.7's IMDB 1D convnet, 20 epochs.")
public final class TrainingUi implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new TrainingUi(), args);
    }

    @Override
    public Integer call() {
        // Listing 7.7: text-classification model to use with TensorBoard (2,000 + 500 reviews with --quick)
        int maxFeatures = 2_000; // number of words to consider as features
        int maxLen = 500; // cuts off texts after this number of words
        SequenceData imdb = Imdb.loadData(maxFeatures, options.dataSource());
        imdb = imdb.first(options.samples(imdb.trainSequences().length, 2_000), 0);
        INDArray xTrain = Sequences.embeddingInput(Sequences.padSequences(imdb.trainSequences(), maxLen));
        INDArray yTrain = Labels.asFloat32(imdb.trainLabels());
        System.out.println("x_train shape: " + shape(xTrain.shape()));

        MultiLayerNetwork model = ImdbConvnet.model(layers.choice(), options.seed(), maxFeatures, maxLen, 1e-3);
        System.out.println(ModelSummary.of(model, InputType.recurrent(maxFeatures, maxLen)));

        // Listing 7.8: training the model with a TensorBoard callback
        History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .fit(xTrain, yTrain, options.epochs(20), options.batchSize(128), 0.2);

        AccuracyCurves.plotAndReport(history, "imdb-conv1d-2000-words", "best_val_acc", options);
        return 0;
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
