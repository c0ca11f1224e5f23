package dlwj.chapter06;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.Imdb;
import dlwj.datasets.SequenceData;
import dlwj.keras.layers.Flatten;
import dlwj.keras.layers.Output;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.Metric;
import dlwj.training.ModelSummary;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 6.1.2, "Learning word embeddings with the Embedding layer" (listings 6.5-6.7): IMDB reviews
 * cut to their last 20 words among the 10,000 most frequent, each word an 8-number embedding learned together
 * with the classifier: {@code Embedding(10000, 8)}, {@code Flatten}, {@code Dense(1, sigmoid)}, 10 epochs of
 * 32 reviews, the last 20% of the training reviews validating. The book reaches a validation accuracy of
 * about 76%, reading each review's last 20 words only.
 */
@Command(name = "ImdbEmbeddingLayer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.1.2: IMDB, the last 20 words, Embedding(10000, 8) + Flatten + Dense(1, sigmoid).")
public final class ImdbEmbeddingLayer implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new ImdbEmbeddingLayer(), args);
    }

    @Override
    public Integer call() {
        // Listing 6.5: instantiating an Embedding layer: word indices below 1000 become vectors of 64 numbers
        // embedding_layer = Embedding(1000, 64)
        EmbeddingSequenceLayer embeddingLayer = KerasDefaults.embedding(1000, 64).build();
        System.out.printf("embedding_layer: %d words x %d dimensions%n", embeddingLayer.getNIn(),
                embeddingLayer.getNOut());

        // Listing 6.6: loading the IMDB data for use with an Embedding layer (2,000 reviews with --quick)
        int maxFeatures = 10_000; // number of words to consider as features
        int maxlen = 20; // cuts off the text after this number of words (among the most common words)
        SequenceData imdb = Imdb.loadData(maxFeatures, options.dataSource());
        imdb = imdb.first(options.samples(imdb.trainSequences().length, 2_000), 0);
        INDArray xTrain = Sequences.embeddingInput(Sequences.padSequences(imdb.trainSequences(), maxlen));
        INDArray yTrain = Labels.asFloat32(imdb.trainLabels());

        // Listing 6.7: using an Embedding layer and classifier on the IMDB data
        MultiLayerNetwork model = model(options.seed(), maxFeatures, maxlen);
        System.out.println(ModelSummary.of(model, InputType.recurrent(maxFeatures, maxlen)));
        History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .fit(xTrain, yTrain, options.epochs(10), options.batchSize(32), 0.2);

        AccuracyCurves.plotAndReport(history, "imdb-embedding", "best_val_acc", options);
        return 0;
    }

    /**
     * Listing 6.7: {@code Embedding(maxFeatures, 8, input_length=maxlen)}, {@code Flatten()} to a row of
     * {@code maxlen * 8}, {@code Dense(1, sigmoid)}; rmsprop and binary crossentropy.
     */
    public static MultiLayerNetwork model(long seed, int maxFeatures, int maxlen) {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(KerasDefaults.embedding(maxFeatures, 8).inputLength(maxlen).build())
                .layer(new Flatten.Builder().build())
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(maxFeatures, maxlen))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers;

    @Mixin
    ExampleOptions options;

    @Override
    public void checkOptions() {
        layers.choice().requireStockTwin("Flatten", "after an Embedding, DL4J's dense layers read each word on its own");
    }
}
