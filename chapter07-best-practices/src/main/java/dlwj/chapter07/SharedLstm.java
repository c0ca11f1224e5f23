package dlwj.chapter07;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.ModelGraph;
import dlwj.training.ModelSummary;
import dlwj.training.SharedWeights;
import dlwj.training.Trainer;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.1.5, "Layer weight sharing": one {@code LSTM(32)} reads two sentences (sequences of 128-dimensional
 * word vectors), its two encodings concatenated into {@code Dense(1, sigmoid)}, a sentence-similarity model that
 * treats both sentences alike. DL4J has no shared layer: {@link SharedWeights} stacks the two inputs along the batch,
 * runs the one LSTM over them and splits its output again, so the model has one LSTM's weights and their gradient
 * sums both sentences'. The book's {@code model.fit([left_data, right_data], targets)} gives no data and Keras'
 * defaults (one epoch of 32); here 1,000 random pairs of 20 words and random targets.
 */
@Command(name = "SharedLstm", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.1.5: one LSTM shared by two inputs (sentence similarity), one set of weights.")
public final class SharedLstm implements Callable<Integer> {

    static final int WORD_VECTOR_SIZE = 128;

    public static void main(String[] args) {
        Examples.main(new SharedLstm(), args);
    }

    @Override
    public Integer call() {
        ComputationGraph model = model(layers.choice(), options.seed());
        InputType sentence = InputType.recurrent(WORD_VECTOR_SIZE);
        System.out.print(ModelSummary.of(model, sentence, sentence));
        ModelGraph.plot(ModelGraph.dot(model, sentence, sentence), options.output("shared-lstm.png"));
        System.out.printf("One LSTM(32) for both sentences: %,d of the model's %,d parameters%n",
                model.getLayer("lstm_1").numParams(), model.numParams());
        options.record("params", model.numParams());

        // Pairs of sentences of 20 word vectors (DL4J's layout: [samples, vector, words]) and whether they match
        int pairs = options.samples(1_000, 100);
        Nd4j.getRandom().setSeed(options.seed());
        INDArray leftData = Nd4j.rand(DataType.FLOAT, pairs, WORD_VECTOR_SIZE, 20);
        INDArray rightData = Nd4j.rand(DataType.FLOAT, pairs, WORD_VECTOR_SIZE, 20);
        INDArray targets = RandomData.randint(0, 2, pairs, 1);

        // model.fit([left_data, right_data], targets)
        History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .fit(new INDArray[] {leftData, rightData}, new INDArray[] {targets}, options.epochs(1),
                        options.batchSize(32));
        options.record("loss", history.get("loss").get(history.epochs() - 1));
        return 0;
    }

    /**
     * {@code lstm = layers.LSTM(32)}; {@code left_output = lstm(left_input)}, {@code right_output = lstm(right_input)}
     * for inputs of {@code shape=(None, 128)}; {@code concatenate([left_output, right_output])},
     * {@code Dense(1, activation='sigmoid')}; rmsprop and binary crossentropy.
     */
    public static ComputationGraph model(LayerChoice layers, long seed) {
        GraphBuilder graph = KerasDefaults.network(seed).graphBuilder().addInputs("left_input", "right_input");
        List<String> outputs = SharedWeights.layer(graph, "lstm_1", layers.lstm(WORD_VECTOR_SIZE, 32),
                "left_input", "right_input");
        return layers.initialise(new ComputationGraph(graph
                .addVertex("concatenate_1", new MergeVertex(), outputs.toArray(String[]::new))
                .addLayer("dense_1", layers.output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()),
                        "concatenate_1")
                .setOutputs("dense_1")
                .setInputTypes(InputType.recurrent(WORD_VECTOR_SIZE), InputType.recurrent(WORD_VECTOR_SIZE))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
