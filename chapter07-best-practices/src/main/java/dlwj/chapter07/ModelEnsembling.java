package dlwj.chapter07;

import dlwj.chapter03.ImdbBinaryClassification;
import dlwj.chapter03.ImdbVectors;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.3.3, "Model ensembling": four of chapter 3's IMDB classifiers, built differently, each trained
 * on the 25,000 training reviews, predict the 25,000 test reviews; their predictions are averaged
 * ({@code final_preds = 0.25 * (preds_a + preds_b + preds_c + preds_d)}) and weighted as in the book
 * ({@code 0.5 * preds_a + 0.25 * preds_b + 0.1 * preds_c + 0.15 * preds_d}). Prints each model's test accuracy
 * and the ensembles'.
 */
@Command(name = "ModelEnsembling", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.3.3: four IMDB classifiers of chapter 3, their predictions averaged and weighted.")
public final class ModelEnsembling implements Callable<Integer> {

    /** One member of the ensemble: chapter 3's model with these hidden layers, units and activation. */
    record Member(String name, int hiddenLayers, int units, Activation activation) {
    }

    /** The book's weights, in the order of {@link #MEMBERS}. */
    static final double[] WEIGHTS = {0.5, 0.25, 0.1, 0.15};

    static final List<Member> MEMBERS = List.of(
            new Member("a: Dense(16) x2, relu", 2, 16, Activation.RELU),
            new Member("b: Dense(32) x2, relu", 2, 32, Activation.RELU),
            new Member("c: Dense(16) x2, tanh", 2, 16, Activation.TANH),
            new Member("d: Dense(64) x1, relu", 1, 64, Activation.RELU));

    public static void main(String[] args) {
        Examples.main(new ModelEnsembling(), args);
    }

    @Override
    public Integer call() {
        ImdbVectors imdb = ImdbVectors.load(options);

        // preds_a = model_a.predict(x_val), ... for four models trained on the same data
        List<INDArray> predictions = new ArrayList<>();
        for (int m = 0; m < MEMBERS.size(); m++) {
            Member member = MEMBERS.get(m);
            MultiLayerNetwork model = ImdbBinaryClassification.model(layers.choice(), options.seed() + m,
                    member.hiddenLayers(), member.units(), member.activation(), KerasDefaults.binaryCrossentropy());
            Trainer trainer = new Trainer(model, Metric.ACCURACY).seed(options.seed() + m).quiet();
            trainer.fit(imdb.xTrain(), imdb.yTrain(), options.epochs(4), options.batchSize(512));
            INDArray prediction = trainer.predict(imdb.xTest());
            predictions.add(prediction);
            double accuracy = Metric.ACCURACY.compute(prediction, imdb.yTest());
            System.out.printf("model %s: test accuracy %.4f%n", member.name(), accuracy);
            options.record("test_acc_" + member.name().charAt(0), accuracy);
        }

        // final_preds = 0.25 * (preds_a + preds_b + preds_c + preds_d)
        double average = Metric.ACCURACY.compute(weighted(predictions, new double[] {0.25, 0.25, 0.25, 0.25}),
                imdb.yTest());
        // final_preds = 0.5 * preds_a + 0.25 * preds_b + 0.1 * preds_c + 0.15 * preds_d
        double weighted = Metric.ACCURACY.compute(weighted(predictions, WEIGHTS), imdb.yTest());
        System.out.printf("ensemble, average: test accuracy %.4f%n", average);
        System.out.printf("ensemble, weighted 0.5 / 0.25 / 0.1 / 0.15: test accuracy %.4f%n", weighted);
        options.record("test_acc_average", average);
        options.record("test_acc_weighted", weighted);
        return 0;
    }

    /** The weighted sum of the models' predictions. */
    static INDArray weighted(List<INDArray> predictions, double[] weights) {
        INDArray sum = predictions.get(0).mul(weights[0]);
        for (int m = 1; m < predictions.size(); m++) {
            sum.addi(predictions.get(m).mul(weights[m]));
        }
        return sum;
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
