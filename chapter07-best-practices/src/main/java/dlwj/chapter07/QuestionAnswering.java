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
import dlwj.training.Trainer;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.1.2, "Multi-input models" (listings 7.1-7.2): a question-answering model of two inputs, a
 * reference text ({@code Embedding(10000, 64)}, {@code LSTM(32)}) and a question ({@code Embedding(10000, 32)},
 * {@code LSTM(16)}), their encodings concatenated into {@code Dense(500, softmax)}, one answer word of 500. Trained
 * on 1,000 random texts and questions of 100 words and random answers, 10 epochs of 128, the inputs given first as
 * a list in the model's order, then (training on) as a dict by input name. The printed listing's
 * {@code Embedding(64, text_vocabulary_size)} has its two arguments swapped, and its answers
 * ({@code np.random.randint(0, 1, ...)}) are all zero; here the embeddings are 10,000 x 64 and the answers one-hot.
 */
@Command(name = "QuestionAnswering", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.1.2: a question-answering model of two inputs (text, question), on random data.")
public final class QuestionAnswering implements Callable<Integer> {

    static final int TEXT_VOCABULARY_SIZE = 10_000;
    static final int QUESTION_VOCABULARY_SIZE = 10_000;
    static final int ANSWER_VOCABULARY_SIZE = 500;

    public static void main(String[] args) {
        Examples.main(new QuestionAnswering(), args);
    }

    @Override
    public Integer call() {
        // Listing 7.1: functional API implementation of a two-input question-answering model
        ComputationGraph model = model(layers.choice(), options.seed());
        InputType[] inputs = {InputType.recurrent(TEXT_VOCABULARY_SIZE), InputType.recurrent(QUESTION_VOCABULARY_SIZE)};
        System.out.print(ModelSummary.of(model, inputs));
        // plot_model(model, show_shapes=True, to_file='question_answering.png')
        ModelGraph.plot(ModelGraph.dot(model, inputs), options.output("question-answering.png"));

        // Listing 7.2: feeding data to a multi-input model (100 samples with --quick)
        int numSamples = options.samples(1_000, 100);
        int maxLength = 100;
        Nd4j.getRandom().setSeed(options.seed());
        INDArray text = RandomData.randint(1, TEXT_VOCABULARY_SIZE, numSamples, maxLength);
        INDArray question = RandomData.randint(1, QUESTION_VOCABULARY_SIZE, numSamples, maxLength);
        INDArray answers = RandomData.oneHot(numSamples, ANSWER_VOCABULARY_SIZE);

        // Fitting using a list of inputs
        Trainer trainer = new Trainer(model, Metric.ACCURACY).seed(options.seed());
        trainer.fit(new INDArray[] {text, question}, new INDArray[] {answers}, options.epochs(10),
                options.batchSize(128));
        // Fitting using a dictionary of inputs (only if inputs are named)
        History byName = trainer.fit(Map.of("text", text, "question", question), Map.of("answer", answers),
                options.epochs(10), options.batchSize(128));

        int last = byName.epochs() - 1;
        System.out.printf("After 2 x %d epochs: loss %.4f, acc %.4f (a random answer: loss log(500) = %.4f, acc 0.002)%n",
                byName.epochs(), byName.get("loss").get(last), byName.get("acc").get(last), Math.log(500));
        options.record("loss", byName.get("loss").get(last));
        options.record("acc", byName.get("acc").get(last));
        return 0;
    }

    /**
     * {@code text_input = Input(shape=(None,), name='text')}, {@code Embedding(10000, 64)}, {@code LSTM(32)};
     * {@code question_input = Input(shape=(None,), name='question')}, {@code Embedding(10000, 32)}, {@code LSTM(16)};
     * {@code concatenate([encoded_text, encoded_question])}, {@code Dense(500, activation='softmax', name='answer')};
     * rmsprop, categorical crossentropy.
     */
    public static ComputationGraph model(LayerChoice layers, long seed) {
        return layers.initialise(new ComputationGraph(KerasDefaults.network(seed).graphBuilder()
                .addInputs("text", "question")
                .addLayer("embedding_1", layers.embedding(TEXT_VOCABULARY_SIZE, 64).build(), "text")
                .addLayer("lstm_1", layers.lstm(64, 32), "embedding_1")
                .addLayer("embedding_2", layers.embedding(QUESTION_VOCABULARY_SIZE, 32).build(), "question")
                .addLayer("lstm_2", layers.lstm(32, 16), "embedding_2")
                .addVertex("concatenate_1", new MergeVertex(), "lstm_1", "lstm_2")
                .addLayer("answer", layers.output(ANSWER_VOCABULARY_SIZE, Activation.SOFTMAX,
                        KerasDefaults.categoricalCrossentropy()), "concatenate_1")
                .setOutputs("answer")
                .setInputTypes(InputType.recurrent(TEXT_VOCABULARY_SIZE), InputType.recurrent(QUESTION_VOCABULARY_SIZE))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
