package dlwj.chapter07;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.ModelSummary;
import dlwj.training.Trainer;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.1.1, "Introduction to the functional API": the same small model as a {@code Sequential} model
 * (DL4J's {@code MultiLayerNetwork}) and with the functional API ({@code Input}, layers called on tensors,
 * {@code Model(input_tensor, output_tensor)}: DL4J's {@code ComputationGraph}, whose vertices are the layers and
 * whose edges are the tensors). Both summaries show the same 3,466 parameters; the functional model then trains
 * on the book's random data and is evaluated.
 */
@Command(name = "SequentialAndFunctional", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.1.1: a Sequential model and its functional twin (a ComputationGraph), trained on random data.")
public final class SequentialAndFunctional implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new SequentialAndFunctional(), args);
    }

    @Override
    public Integer call() {
        // A Sequential model, as you already know it
        MultiLayerNetwork seqModel = sequential(layers.choice(), options.seed());
        System.out.print(ModelSummary.of(seqModel, InputType.feedForward(64)));

        // Its functional equivalent: input_tensor = Input(shape=(64,)), each layer called on the tensor before it
        ComputationGraph model = functional(layers.choice(), options.seed());
        System.out.print(ModelSummary.of(model, InputType.feedForward(64)));
        options.record("sequential_params", seqModel.numParams());
        options.record("functional_params", model.numParams());

        // model.compile(optimizer='rmsprop', loss='categorical_crossentropy') is in the model's definition;
        // dummy Numpy data to train on: x_train = np.random.random((1000, 64)), y_train = np.random.random((1000, 10))
        Nd4j.getRandom().setSeed(options.seed());
        int samples = options.samples(1_000, 200);
        INDArray xTrain = Nd4j.rand(DataType.FLOAT, samples, 64);
        INDArray yTrain = Nd4j.rand(DataType.FLOAT, samples, 10);

        // model.fit(x_train, y_train, epochs=10, batch_size=128); score = model.evaluate(x_train, y_train)
        Trainer trainer = new Trainer(model).seed(options.seed());
        trainer.fit(xTrain, yTrain, options.epochs(10), options.batchSize(128));
        Map<String, Double> score = trainer.evaluate(xTrain, yTrain);
        System.out.printf("score: %.4f%n", score.get("loss"));
        options.record("score", score.get("loss"));
        return 0;
    }

    /** {@code Dense(32, relu)} on 64 inputs, {@code Dense(32, relu)}, {@code Dense(10, softmax)}; rmsprop. */
    public static MultiLayerNetwork sequential(LayerChoice layers, long seed) {
        return layers.initialise(new MultiLayerNetwork(KerasDefaults.network(seed).list()
                .layer(layers.dense(32, Activation.RELU))
                .layer(layers.dense(32, Activation.RELU))
                .layer(layers.output(10, Activation.SOFTMAX, KerasDefaults.categoricalCrossentropy()))
                .setInputType(InputType.feedForward(64))
                .build()));
    }

    /**
     * The same model in the functional API: {@code input_tensor = Input(shape=(64,))},
     * {@code x = Dense(32, activation='relu')(input_tensor)}, {@code x = Dense(32, activation='relu')(x)},
     * {@code output_tensor = Dense(10, activation='softmax')(x)}, {@code Model(input_tensor, output_tensor)}.
     * Each layer names the tensors it is called on; the vertices are named as Keras names them.
     */
    public static ComputationGraph functional(LayerChoice layers, long seed) {
        return layers.initialise(new ComputationGraph(KerasDefaults.network(seed).graphBuilder()
                .addInputs("input_1")
                .addLayer("dense_1", layers.dense(32, Activation.RELU), "input_1")
                .addLayer("dense_2", layers.dense(32, Activation.RELU), "dense_1")
                .addLayer("dense_3", layers.output(10, Activation.SOFTMAX, KerasDefaults.categoricalCrossentropy()),
                        "dense_2")
                .setOutputs("dense_3")
                .setInputTypes(InputType.feedForward(64))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
