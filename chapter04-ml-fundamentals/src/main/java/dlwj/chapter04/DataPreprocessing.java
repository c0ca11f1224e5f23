package dlwj.chapter04;

import dlwj.chapter03.BostonHousingModel;
import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.datasets.BostonHousing;
import dlwj.datasets.RegressionData;
import dlwj.training.Labels;
import dlwj.training.Metric;
import dlwj.training.Sequences;
import dlwj.training.Standardization;
import dlwj.training.Trainer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 4.3.1, "Data preprocessing for neural networks": vectorisation, value normalisation and
 * handling missing values, on small data that shows each step, then the missing-value advice tried on
 * Boston housing: a model trained on complete data, tested on houses with missing features, against one
 * trained on copies of its samples with features dropped, so it learns that 0 means "missing".
 */
@Command(name = "DataPreprocessing", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 4.3: vectorisation, normalisation (training statistics only) and missing values.")
public final class DataPreprocessing implements Callable<Integer>, CheckedOptions {

    public static void main(String[] args) {
        Examples.main(new DataPreprocessing(), args);
    }

    @Override
    public Integer call() {
        // Vectorisation: every input and target becomes a tensor of floats
        System.out.println("Vectorisation: word indices [[1, 3, 3], [0, 4]] as multi-hot rows of 5: "
                + Arrays.deepToString(Sequences.multiHot(new int[][] {{1, 3, 3}, {0, 4}}, 5).toFloatMatrix()));
        System.out.println("               labels [0, 2, 1] one-hot over 3 classes: "
                + Arrays.deepToString(Labels.toCategorical(Nd4j.createFromArray(0, 2, 1), 3).toFloatMatrix()));

        // Value normalisation: features on very different scales (rooms, age in years, tax per $10,000)
        INDArray train = Nd4j.createFromArray(new double[][] {{6, 65, 296}, {7, 79, 242}, {5, 61, 711}, {8, 45, 222}});
        INDArray test = Nd4j.createFromArray(new double[][] {{6, 100, 300}});
        Standardization scaler = Standardization.fit(train);
        System.out.println("\nValue normalisation, with the training data's statistics only:");
        System.out.println("  training mean " + Arrays.toString(scaler.mean().toDoubleVector())
                + ", standard deviation " + Arrays.toString(round(scaler.std().toDoubleVector())));
        INDArray normalised = scaler.apply(train);
        System.out.println("  normalised training data: column means " + Arrays.toString(round(normalised.mean(0)
                .toDoubleVector())) + ", standard deviations " + Arrays.toString(round(normalised.std(false, 0)
                .toDoubleVector())));
        System.out.println("  the test house " + Arrays.toString(test.toDoubleVector()) + " becomes "
                + Arrays.toString(round(scaler.apply(test).toDoubleVector())) + " (never normalised with its own statistics)");

        // Handling missing values, on Boston housing: missing features become 0, the mean after normalisation
        RegressionData data = BostonHousing.loadData(options.dataSource());
        Standardization boston = Standardization.fit(data.trainData());
        INDArray x = boston.apply(data.trainData());
        INDArray y = data.trainTargets().reshape(-1, 1);
        INDArray xTest = boston.apply(data.testData());
        INDArray yTest = data.testTargets().reshape(-1, 1);
        Random random = new Random(options.seed());
        INDArray xTestMissing = withMissingFeatures(xTest, missingFraction, random);

        System.out.printf("%nMissing values: %.0f%% of the test houses' features missing, replaced by 0%n",
                100 * missingFraction);
        Trainer complete = train(x, y);
        double completeOnMissing = mae(complete, xTestMissing, yTest);
        System.out.printf("  trained on complete data:   test MAE %.2f on complete test data, %.2f with missing features%n",
                mae(complete, xTest, yTest), completeOnMissing);
        // The book's advice: copy training samples and drop features from the copies, so that the network
        // sees missing values in training and learns to ignore the zeros
        INDArray xWithCopies = Nd4j.concat(0, x, withMissingFeatures(x, missingFraction, random));
        INDArray yWithCopies = Nd4j.concat(0, y, y);
        Trainer augmented = train(xWithCopies, yWithCopies);
        double augmentedOnMissing = mae(augmented, xTestMissing, yTest);
        System.out.printf("  trained with missing copies: test MAE %.2f on complete test data, %.2f with missing features%n",
                mae(augmented, xTest, yTest), augmentedOnMissing);
        options.record("missing_features_test_mae", completeOnMissing);
        options.record("missing_features_test_mae_trained_with_copies", augmentedOnMissing);
        return 0;
    }

    /**
     * A copy of normalised data with each feature missing with probability {@code fraction}: missing values
     * are written as 0, which after normalisation is the feature's training mean and means nothing else.
     */
    static INDArray withMissingFeatures(INDArray normalised, double fraction, Random random) {
        INDArray copy = normalised.dup();
        for (int row = 0; row < copy.rows(); row++) {
            for (int column = 0; column < copy.columns(); column++) {
                if (random.nextDouble() < fraction) {
                    copy.putScalar(row, column, 0);
                }
            }
        }
        return copy;
    }

    private Trainer train(INDArray x, INDArray y) {
        Trainer trainer = new Trainer(BostonHousingModel.build(layers.choice(), options.seed()), Metric.MAE)
                .seed(options.seed()).quiet();
        trainer.fit(x, y, options.epochs(80), options.batchSize(16));
        return trainer;
    }

    private static double mae(Trainer trainer, INDArray x, INDArray y) {
        return trainer.evaluate(x, y).get("mae");
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0 + 0.0).toArray();
    }

    // The command line

    @Option(names = "--missing", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of test features made missing (default: ${DEFAULT-VALUE}).")
    double missingFraction;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    @Override
    public void checkOptions() {
        if (!(missingFraction >= 0 && missingFraction < 1)) {
            throw new IllegalArgumentException("--missing must be in [0, 1), not " + missingFraction);
        }
    }
}
