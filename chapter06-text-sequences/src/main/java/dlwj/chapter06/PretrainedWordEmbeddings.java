package dlwj.chapter06;

import static dlwj.training.NumpyNames.shape;

import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.GloVe;
import dlwj.datasets.ImdbReviews;
import dlwj.datasets.NumpyRandomState;
import dlwj.datasets.TextData;
import dlwj.keras.layers.Dense;
import dlwj.keras.layers.Flatten;
import dlwj.keras.layers.Output;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Labels;
import dlwj.training.Metric;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import dlwj.training.Sequences;
import dlwj.training.Trainer;
import dlwj.training.text.Tokenizer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 6.1.3, "Putting it all together: from raw text to word embeddings" (listings 6.8-6.17): the raw
 * IMDB reviews tokenised with Keras' {@code Tokenizer} (the 10,000 most frequent words, the last 100 words of
 * each review: the book's comment says it cuts reviews after 100 words, but {@code pad_sequences} truncates
 * at the start by default, so the end of each review is what is kept), a classifier trained on 200 reviews only and validated on 10,000, once with GloVe's
 * pretrained 100-dimensional word vectors frozen in its {@code Embedding} layer and once learning its own; then
 * the GloVe model evaluated on the test reviews. The book: about 57% validation accuracy with GloVe, 53%
 * without: 200 reviews are too few, and which 200 decides much (the shuffle is the run's seed).
 * {@code --without-glove} skips the 822 MB GloVe download and evaluates the learned-embedding model instead.
 */
@Command(name = "PretrainedWordEmbeddings", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 6.1.3: raw IMDB text, Tokenizer, GloVe embeddings frozen vs learned, on 200 reviews.")
public final class PretrainedWordEmbeddings implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new PretrainedWordEmbeddings(), args);
    }

    @Override
    public Integer call() {
        // Listing 6.8: processing the labels of the raw IMDB data
        TextData train = ImdbReviews.load("train", options.dataSource());

        // Listing 6.9: tokenizing the text of the raw IMDB data
        int maxlen = 100; // cuts off reviews after 100 words
        int trainingSamples = 200; // trains on 200 samples
        int maxWords = 10_000; // considers only the top 10,000 words in the dataset
        Tokenizer tokenizer = new Tokenizer(maxWords);
        tokenizer.fitOnTexts(train.texts());
        int[][] sequences = tokenizer.textsToSequences(train.texts());
        Map<String, Integer> wordIndex = tokenizer.wordIndex();
        System.out.printf("Found %d unique tokens.%n", wordIndex.size());
        INDArray data = Sequences.embeddingInput(Sequences.padSequences(sequences, maxlen));
        INDArray labels = Labels.asFloat32(train.labels());
        System.out.println("Shape of data tensor: " + shape(data.shape()));
        System.out.println("Shape of label tensor: " + shape(labels.length()));
        // splits the data into a training set and a validation set, but first shuffles it: the samples are
        // ordered (all negative first, then all positive)
        int validationSamples = (int) Math.min(10_000, data.size(0) - trainingSamples);
        INDArray indices = Nd4j.createFromArray(new NumpyRandomState(options.seed()).shuffledIndices((int) data.size(0)));
        data = data.get(indices);
        labels = labels.get(indices);
        INDArray xTrain = data.get(NDArrayIndex.interval(0, trainingSamples));
        INDArray yTrain = labels.get(NDArrayIndex.interval(0, trainingSamples));
        INDArray xVal = data.get(NDArrayIndex.interval(trainingSamples, trainingSamples + validationSamples));
        INDArray yVal = labels.get(NDArrayIndex.interval(trainingSamples, trainingSamples + validationSamples));

        int embeddingDim = 100;
        Path gloveModel = options.output("pre_trained_glove_model.zip");
        if (!withoutGlove) {
            // Listing 6.10: parsing the GloVe word-embeddings file
            Map<String, float[]> embeddingsIndex = GloVe.embeddingsIndex(embeddingDim, options.dataSource());
            System.out.printf("Found %d word vectors.%n", embeddingsIndex.size());

            // Listing 6.11: preparing the GloVe word-embeddings matrix (words not found in it stay all zeros)
            INDArray embeddingMatrix = Nd4j.zeros(DataType.FLOAT, maxWords, embeddingDim);
            wordIndex.forEach((word, i) -> {
                float[] embeddingVector = embeddingsIndex.get(word);
                if (i < maxWords && embeddingVector != null) {
                    embeddingMatrix.putRow(i, Nd4j.createFromArray(embeddingVector));
                }
            });

            // Listing 6.12: model definition
            MultiLayerNetwork model = model(options.seed(), maxWords, embeddingDim, maxlen);

            // Listing 6.13: loading the pretrained word embeddings into the Embedding layer, and freezing it
            model.getLayer(0).setParam("W", embeddingMatrix);
            model = new TransferLearning.Builder(model).setFeatureExtractor(0).build();
            System.out.println(ModelSummary.of(model, InputType.recurrent(maxWords, maxlen)));

            // Listing 6.14: training and evaluation
            History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                    .fit(xTrain, yTrain, options.epochs(10), options.batchSize(32), xVal, yVal);
            ModelFiles.save(model, gloveModel);

            // Listing 6.15: plotting the results
            AccuracyCurves.plotAndReport(history, "imdb-glove", "glove_best_val_acc", options);
        }

        // Listing 6.16: training the same model without pretrained word embeddings
        MultiLayerNetwork learned = model(options.seed(), maxWords, embeddingDim, maxlen);
        History history = new Trainer(learned, Metric.ACCURACY).seed(options.seed())
                .fit(xTrain, yTrain, options.epochs(10), options.batchSize(32), xVal, yVal);
        AccuracyCurves.plotAndReport(history, "imdb-learned", "learned_best_val_acc", options);

        // Listing 6.17: tokenizing the data of the test set, then evaluating the model on it
        TextData test = ImdbReviews.load("test", options.dataSource());
        INDArray xTest = Sequences.embeddingInput(Sequences.padSequences(tokenizer.textsToSequences(test.texts()),
                maxlen));
        INDArray yTest = Labels.asFloat32(test.labels());
        MultiLayerNetwork evaluated = withoutGlove ? learned : ModelFiles.loadMultiLayerNetwork(gloveModel);
        Map<String, Double> results = new Trainer(evaluated, Metric.ACCURACY).evaluate(xTest, yTest);
        System.out.printf("%s model: test_loss: %.4f, test_acc: %.4f%n", withoutGlove ? "Learned-embedding" : "GloVe",
                results.get("loss"), results.get("acc"));
        options.record("test_loss", results.get("loss"));
        options.record("test_acc", results.get("acc"));
        return 0;
    }

    /**
     * Listing 6.12: {@code Embedding(maxWords, embeddingDim, input_length=maxlen)}, {@code Flatten()},
     * {@code Dense(32, relu)}, {@code Dense(1, sigmoid)}; rmsprop and binary crossentropy.
     */
    public static MultiLayerNetwork model(long seed, int maxWords, int embeddingDim, int maxlen) {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(KerasDefaults.embedding(maxWords, embeddingDim).inputLength(maxlen).build())
                .layer(new Flatten.Builder().build())
                .layer(new Dense.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new Output.Builder().nOut(1).activation(Activation.SIGMOID)
                        .lossFunction(KerasDefaults.binaryCrossentropy()).build())
                .setInputType(InputType.recurrent(maxWords, maxlen))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--without-glove",
            description = "Skip listings 6.10-6.15 (GloVe, an 822 MB download) and evaluate the learned embeddings.")
    boolean withoutGlove;

    @Mixin
    LayersOption layers;

    @Mixin
    ExampleOptions options;

    @Override
    public void checkOptions() {
        layers.choice().requireStockTwin("Flatten", "after an Embedding, DL4J's dense layers read each word on its own");
    }
}
