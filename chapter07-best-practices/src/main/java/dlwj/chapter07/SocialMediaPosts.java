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
import dlwj.training.WeightedLoss;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.1.3, "Multi-output models" (listings 7.3-7.6): one 1D convnet reads a social-media post and
 * predicts its author's age (regression, MSE), income group (10 classes, categorical crossentropy) and gender
 * (binary crossentropy), the losses weighted 0.25 / 1 / 10 so that the MSE of ages (a few hundred) does not drown
 * the cross-entropies (below 1). Trained on 1,280 random posts of 500 words from a vocabulary of 50,000, 10
 * epochs of 64 (the book gives no data); prints each output's loss, and the accuracy of the two classifiers.
 */
@Command(name = "SocialMediaPosts", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.1.3: a 1D convnet with three outputs (age, income, gender) and weighted losses.")
public final class SocialMediaPosts implements Callable<Integer> {

    public static final int VOCABULARY_SIZE = 50_000;
    public static final int NUM_INCOME_GROUPS = 10;
    public static final int WORDS_PER_POST = 500;

    public static void main(String[] args) {
        Examples.main(new SocialMediaPosts(), args);
    }

    @Override
    public Integer call() {
        // Listing 7.3: functional API implementation of a three-output model
        ComputationGraph model = model(layers.choice(), options.seed());
        System.out.print(ModelSummary.of(model, InputType.recurrent(VOCABULARY_SIZE)));
        // plot_model(model, show_shapes=True, to_file='posts.png')
        ModelGraph.plot(ModelGraph.dot(model, InputType.recurrent(VOCABULARY_SIZE)), options.output("posts.png"));

        // Posts, and their authors' ages (13 to 79), income groups and genders (128 posts with --quick)
        int posts = options.samples(1_280, 128);
        Nd4j.getRandom().setSeed(options.seed());
        INDArray postsInput = RandomData.randint(1, VOCABULARY_SIZE, posts, WORDS_PER_POST);
        INDArray ageTargets = RandomData.randint(13, 80, posts, 1);
        INDArray incomeTargets = RandomData.oneHot(posts, NUM_INCOME_GROUPS);
        INDArray genderTargets = RandomData.randint(0, 2, posts, 1);

        // Listing 7.6: feeding data to a multi-output model, the targets by output name
        History history = new Trainer(model)
                .metrics(Map.of("income", List.of(Metric.ACCURACY), "gender", List.of(Metric.ACCURACY)))
                .seed(options.seed())
                .fit(Map.of("posts", postsInput),
                        Map.of("age", ageTargets, "income", incomeTargets, "gender", genderTargets),
                        options.epochs(10), options.batchSize(64));

        int last = history.epochs() - 1;
        for (String name : history.names()) {
            options.record(name, history.get(name).get(last));
        }
        System.out.printf("Last epoch: loss %.4f = 0.25 x age_loss %.4f + income_loss %.4f + 10 x gender_loss %.4f%n",
                history.get("loss").get(last), history.get("age_loss").get(last),
                history.get("income_loss").get(last), history.get("gender_loss").get(last));
        return 0;
    }

    /**
     * {@code posts_input = Input(shape=(None,), name='posts')}, {@code Embedding(50000, 256)},
     * {@code Conv1D(128, 5, relu)}, {@code MaxPooling1D(5)}, {@code Conv1D(256, 5, relu)} x2, {@code MaxPooling1D(5)},
     * {@code Conv1D(256, 5, relu)} x2, {@code GlobalMaxPooling1D()}, {@code Dense(128, relu)}, then the heads
     * {@code Dense(1, name='age')}, {@code Dense(10, softmax, name='income')}, {@code Dense(1, sigmoid,
     * name='gender')}. Listings 7.4 and 7.5 compile it with {@code loss=['mse', 'categorical_crossentropy',
     * 'binary_crossentropy']} or the same by output name, and {@code loss_weights=[0.25, 1., 10.]}: in DL4J each
     * output layer carries its own loss, so the two forms are one, and {@link WeightedLoss} its weight.
     */
    public static ComputationGraph model(LayerChoice layers, long seed) {
        return layers.initialise(new ComputationGraph(KerasDefaults.network(seed).graphBuilder()
                .addInputs("posts")
                .addLayer("embedding_1", layers.embedding(VOCABULARY_SIZE, 256).build(), "posts")
                .addLayer("conv1d_1", KerasDefaults.conv1D(128, 5, Activation.RELU).build(), "embedding_1")
                .addLayer("max_pooling1d_1", KerasDefaults.maxPooling1D(5), "conv1d_1")
                .addLayer("conv1d_2", KerasDefaults.conv1D(256, 5, Activation.RELU).build(), "max_pooling1d_1")
                .addLayer("conv1d_3", KerasDefaults.conv1D(256, 5, Activation.RELU).build(), "conv1d_2")
                .addLayer("max_pooling1d_2", KerasDefaults.maxPooling1D(5), "conv1d_3")
                .addLayer("conv1d_4", KerasDefaults.conv1D(256, 5, Activation.RELU).build(), "max_pooling1d_2")
                .addLayer("conv1d_5", KerasDefaults.conv1D(256, 5, Activation.RELU).build(), "conv1d_4")
                .addLayer("global_max_pooling1d_1", KerasDefaults.globalMaxPooling1D(), "conv1d_5")
                .addLayer("dense_1", layers.dense(128, Activation.RELU), "global_max_pooling1d_1")
                .addLayer("age", layers.output(1, Activation.IDENTITY, new WeightedLoss(new LossMSE(), 0.25)),
                        "dense_1")
                .addLayer("income", layers.output(NUM_INCOME_GROUPS, Activation.SOFTMAX,
                        KerasDefaults.categoricalCrossentropy()), "dense_1")
                .addLayer("gender", layers.output(1, Activation.SIGMOID,
                        new WeightedLoss(KerasDefaults.binaryCrossentropy(), 10)), "dense_1")
                .setOutputs("age", "income", "gender")
                .setInputTypes(InputType.recurrent(VOCABULARY_SIZE))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
