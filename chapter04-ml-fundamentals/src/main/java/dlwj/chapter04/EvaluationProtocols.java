package dlwj.chapter04;

import dlwj.chapter03.BostonHousingModel;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.BostonHousing;
import dlwj.datasets.RegressionData;
import dlwj.training.Metric;
import dlwj.training.Standardization;
import dlwj.training.Trainer;
import dlwj.training.Validation;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 4.2, "Evaluating machine-learning models" (listings 4.1 and 4.2): simple hold-out
 * validation, K-fold validation and iterated K-fold validation with shuffling, each scoring chapter 3's
 * Boston housing model (validation MAE after the book's final 80 epochs of batch 16). The smaller the
 * data, the more the hold-out score depends on which samples it happened to hold out: the K-fold scores
 * show the spread, their mean is the estimate. As both listings end, a fresh model is then trained on all
 * the training data and scored once on the test data.
 */
@Command(name = "EvaluationProtocols", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 4.2: hold-out, K-fold and iterated K-fold validation of the Boston housing model; "
                + "then its test MAE.")
public final class EvaluationProtocols implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new EvaluationProtocols(), args);
    }

    @Override
    public Integer call() {
        // Chapter 3's data: Boston housing, normalised with the training data's statistics
        RegressionData data = BostonHousing.loadData(options.dataSource());
        Standardization standardization = Standardization.fit(data.trainData());
        x = standardization.apply(data.trainData());
        y = data.trainTargets().reshape(-1, 1);
        int samples = (int) x.rows();

        // Listing 4.1: hold-out validation, a quarter of the (already shuffled) training data
        Validation.Split holdOut = Validation.holdOut(samples, samples / 4);
        report("Hold-out validation", "hold_out_mae", Validation.scores(List.of(holdOut), this::validationMae));

        // Listing 4.2: K-fold validation
        report(folds + "-fold validation", "kfold_mae",
                Validation.scores(Validation.kFold(samples, folds), this::validationMae));

        // Iterated K-fold validation with shuffling: P shuffles, K folds each
        report("Iterated " + folds + "-fold validation, " + repeats + " shuffles", "iterated_kfold_mae",
                Validation.scores(Validation.iteratedKFold(samples, folds, repeats, options.seed()), this::validationMae));

        // The last step of listings 4.1 and 4.2 alike, once the model is chosen (here both scored the same one,
        // chapter 3's, so it is trained once on all the non-test data and evaluated on the test data):
        // model = get_model(); model.train(data); test_score = model.evaluate(test_data)
        INDArray xTest = standardization.apply(data.testData());
        double testMae = trainAndEvaluate(x, y, xTest, data.testTargets().reshape(-1, 1));
        System.out.printf("Final model, trained on all %d non-test samples: test MAE on the %d test samples %.2f%n",
                samples, xTest.rows(), testMae);
        options.record("test_mae_score", testMae);
        return 0;
    }

    /** The normalised training data and targets that the protocols split. */
    private INDArray x;
    private INDArray y;

    /** Trains a fresh model on the split's training samples and returns its MAE on the validation samples. */
    private double validationMae(Validation.Split split) {
        return trainAndEvaluate(split.training(x), split.training(y), split.validation(x), split.validation(y));
    }

    /** get_model(), model.train, model.evaluate: chapter 3's model, 80 epochs of 16, and its MAE on other data. */
    private double trainAndEvaluate(INDArray trainX, INDArray trainY, INDArray evaluationX, INDArray evaluationY) {
        Trainer trainer = new Trainer(BostonHousingModel.build(layers.choice(), options.seed()), Metric.MAE)
                .seed(options.seed()).quiet();
        trainer.fit(trainX, trainY, options.epochs(80), options.batchSize(16));
        return trainer.evaluate(evaluationX, evaluationY).get("mae");
    }

    /** Prints the protocol's scores and records their mean as {@code name}. */
    private void report(String protocol, String name, Validation.Scores scores) {
        List<Double> values = scores.perSplit();
        double mean = scores.mean();
        double spread = Math.sqrt(values.stream().mapToDouble(s -> (s - mean) * (s - mean)).average().orElseThrow());
        System.out.printf("%s: validation MAE %s%s%n", protocol,
                values.stream().map(s -> String.format("%.2f", s)).collect(Collectors.joining(", ", "[", "]")),
                values.size() == 1 ? " (one model)" : String.format("; mean %.2f (standard deviation %.2f over %d models)",
                        mean, spread, values.size()));
        options.record(name, mean);
    }

    // The command line: K and P of the protocols

    @Option(names = "--folds", paramLabel = "K", defaultValue = "4", description = "K (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--repeats", paramLabel = "P", defaultValue = "3",
            description = "Shuffled repetitions of iterated K-fold (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
