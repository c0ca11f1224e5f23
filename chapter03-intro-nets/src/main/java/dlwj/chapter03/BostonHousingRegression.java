package dlwj.chapter03;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.BostonHousing;
import dlwj.datasets.RegressionData;
import dlwj.training.History;
import dlwj.training.Metric;
import dlwj.training.Plots;
import dlwj.training.Standardization;
import dlwj.training.Trainer;
import dlwj.training.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 3.6, "Predicting house prices: a regression example" (listings 3.24-3.32): Boston housing
 * prices from 13 normalised features with two {@code Dense(64, relu)} layers and a linear output, mse loss
 * and the MAE metric. 4-fold validation with batch 1 (book: fold MAEs 2.08, 2.12, 2.91, 2.43, mean 2.38 after
 * 100 epochs), the per-epoch validation MAE averaged over the folds and plotted raw and smoothed (figures
 * 3.19 and 3.20), then the final model, 80 epochs of batch 16 on all training data (book: test MAE 2.55).
 * Trains the folds once, for {@code --kfold-epochs} (the book's 500), and reads the 100-epoch scores from
 * the same runs: with the same seeds, training stops at epoch 100 with exactly those weights.
 */
@Command(name = "BostonHousingRegression", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 3.6: Boston housing prices, Dense(64, relu) x2 + Dense(1); 4-fold validation, final test MAE.")
public final class BostonHousingRegression implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new BostonHousingRegression(), args);
    }

    @Override
    public Integer call() {
        // Listing 3.24: loading the Boston housing dataset
        // (train_data, train_targets), (test_data, test_targets) = boston_housing.load_data()
        RegressionData data = BostonHousing.loadData(options.dataSource());
        System.out.printf("train_data.shape = (%d, %d), test_data.shape = (%d, %d)%n", data.trainData().rows(),
                data.trainData().columns(), data.testData().rows(), data.testData().columns());

        // Listing 3.25: normalising the data, with the training data's mean and standard deviation only
        Standardization scaler = Standardization.fit(data.trainData());
        INDArray trainData = scaler.apply(data.trainData());
        INDArray testData = scaler.apply(data.testData());
        INDArray trainTargets = data.trainTargets().reshape(-1, 1);
        INDArray testTargets = data.testTargets().reshape(-1, 1);

        // Listing 3.26: the model (BostonHousingModel: Dense(64, relu) x2, Dense(1); mse), a fresh one per fold.
        // Listings 3.27-3.28: K-fold validation, K=4, batch size 1, validation MAE recorded every epoch
        int epochs = kfoldEpochs != null ? kfoldEpochs : options.epochs(500);
        int scoredEpoch = Math.min(100, epochs);
        List<List<Double>> maeHistories = new ArrayList<>();
        Validation.Scores scores = Validation.scores(Validation.kFold((int) trainData.rows(), 4), fold -> {
            System.out.printf("processing fold #%d: %d epochs of %d samples, batch 1...", maeHistories.size(), epochs,
                    fold.trainingRows().length);
            long start = System.nanoTime();
            Trainer trainer = new Trainer(BostonHousingModel.build(layers.choice(), options.seed()), Metric.MAE).seed(options.seed()).quiet();
            History history = trainer.fit(fold.training(trainData), fold.training(trainTargets), epochs,
                    options.batchSize(1), fold.validation(trainData), fold.validation(trainTargets));
            maeHistories.add(history.get("val_mae"));
            System.out.printf(" validation MAE %.2f at epoch %d (%.0f s)%n", history.get("val_mae").get(scoredEpoch - 1),
                    scoredEpoch, (System.nanoTime() - start) / 1e9);
            return history.get("val_mae").get(scoredEpoch - 1);
        });
        System.out.printf("all_scores after %d epochs: %s, mean %.2f%n", scoredEpoch, scores.perSplit().stream()
                .map(s -> String.format("%.2f", s)).collect(Collectors.joining(", ", "[", "]")), scores.mean());
        options.record("all_scores", scores.perSplit().stream().mapToDouble(Double::doubleValue).toArray());
        options.record("mean_val_mae", scores.mean());

        // Listings 3.29-3.31: the average of the per-epoch validation MAE over the folds, raw and smoothed
        List<Double> averageMae = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int e = epoch;
            averageMae.add(maeHistories.stream().mapToDouble(h -> h.get(e)).average().orElseThrow());
        }
        int bestEpoch = argMin(averageMae) + 1;
        System.out.printf("Lowest average validation MAE %.2f at epoch %d%n", averageMae.get(bestEpoch - 1), bestEpoch);
        Plots.line(averageMae, "Validation MAE by epoch", "Epochs", "Validation MAE",
                options.output("boston-validation-mae.png"));
        int leftOut = Math.min(10, epochs - 1);
        List<Double> smoothed = Plots.smooth(averageMae.subList(leftOut, epochs), 0.9);
        Plots.line(smoothed, "Validation MAE by epoch, smoothed, first 10 left out",
                "Epochs (from the 11th)", "Validation MAE", options.output("boston-validation-mae-smoothed.png"));
        int smoothedBest = argMin(smoothed) + leftOut + 1;
        System.out.printf("Smoothed validation MAE lowest at epoch %d (the book: no real improvement after about 80)%n",
                smoothedBest);
        options.record("smoothed_val_mae_lowest_epoch", smoothedBest);

        // Listing 3.32: training the final model on all training data, then testing it
        Trainer trainer = new Trainer(BostonHousingModel.build(layers.choice(), options.seed()), Metric.MAE).seed(options.seed()).quiet();
        trainer.fit(trainData, trainTargets, finalEpochs, options.batchSize(16));
        Map<String, Double> test = trainer.evaluate(testData, testTargets);
        System.out.printf("test_mse_score: %.2f, test_mae_score: %.2f%n", test.get("loss"), test.get("mae"));
        options.record("test_mae_score", test.get("mae"));
        System.out.printf("Baseline, predicting the training mean (%.2f) for every house: test MAE %.2f%n",
                trainTargets.meanNumber().doubleValue(),
                testTargets.sub(trainTargets.meanNumber()).norm1Number().doubleValue() / testTargets.length());
        return 0;
    }

    private static int argMin(List<Double> values) {
        int best = 0;
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) < values.get(best)) {
                best = i;
            }
        }
        return best;
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--kfold-epochs", paramLabel = "N",
            description = "Epochs per fold (default: the book's 500; 2 with --quick). Scores are read at epoch 100.")
    Integer kfoldEpochs;

    @Option(names = "--final-epochs", paramLabel = "N", defaultValue = "80",
            description = "Epochs of the final model (default: ${DEFAULT-VALUE}).")
    int finalEpochs;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
