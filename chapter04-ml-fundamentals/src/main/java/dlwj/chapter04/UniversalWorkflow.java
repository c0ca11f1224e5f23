package dlwj.chapter04;

import dlwj.chapter03.ImdbVectors;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.Trainer;
import dlwj.training.Validation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 4.5, "The universal workflow of machine learning", end to end on IMDB: define the problem
 * and the measure of success, choose the evaluation protocol, prepare the data, beat a common-sense
 * baseline, scale up until the model overfits, regularise and tune, then train the chosen model on all
 * the training data and test it once.
 */
@Command(name = "UniversalWorkflow", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 4.5: the universal workflow of machine learning, step by step, on IMDB.")
public final class UniversalWorkflow implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new UniversalWorkflow(), args);
    }

    @Override
    public Integer call() {
        // 4.5.3 Preparing the data (listed first: every step needs it): chapter 3's multi-hot reviews
        ImdbVectors imdb = ImdbVectors.load(options);
        int samples = (int) imdb.xTrain().rows();

        // 4.5.1 Defining the problem: binary classification of reviews. With balanced classes the measure of
        // success is accuracy.
        double positive = imdb.yTrain().meanNumber().doubleValue();
        System.out.printf("1. Problem: is a review positive? %d training reviews, %.1f%% positive: balanced, so the"
                + " metric is accuracy%n", samples, 100 * positive);

        // 4.5.2 Deciding on an evaluation protocol: plenty of data, so hold-out validation
        Validation.Split split = Validation.holdOut(samples, options.samples(10_000, samples / 3));
        xTrain = split.training(imdb.xTrain());
        yTrain = split.training(imdb.yTrain());
        xVal = split.validation(imdb.xTrain());
        yVal = split.validation(imdb.yTrain());
        System.out.printf("2. Protocol: hold-out validation, %d reviews held out of %d%n", split.validationRows().length,
                samples);
        System.out.println("3. Data: multi-hot vectors of the 10,000 most frequent words, labels 0 or 1");

        // 4.5.4 Developing a model that does better than a baseline: always predicting the majority class
        // scores the majority's share; a model without hidden layers (logistic regression) must beat it.
        double majority = Math.max(yVal.meanNumber().doubleValue(), 1 - yVal.meanNumber().doubleValue());
        Result logistic = train(ImdbModel.dense("logistic regression", 0, 0), options.epochs(20));
        System.out.printf("4. Baseline: the majority class scores %.4f; %s%n", majority, logistic);

        // 4.5.5 Scaling up: a model that overfits (more units, more epochs)
        Result big = train(ImdbModel.dense("Dense(64) x2", 2, 64), options.epochs(20));
        System.out.printf("5. Overfitting: %s; its training loss still falls to %.4f%n", big,
                big.history().get("loss").get(big.history().epochs() - 1));

        // 4.5.6 Regularising the model and tuning its hyperparameters, always on the validation data
        List<ImdbModel> candidates = List.of(
                ImdbModel.dense("Dense(16) x2", 2, 16),
                ImdbModel.dense("Dense(16) x2 + dropout", 2, 16).withDropout(),
                ImdbModel.dense("Dense(16) x2 + L2(0.001)", 2, 16).kernelRegularizer(KerasDefaults.l2(0.001)),
                ImdbModel.dense("Dense(32) x2 + dropout", 2, 32).withDropout());
        Result best = null;
        System.out.println("6. Regularising and tuning:");
        for (ImdbModel candidate : candidates) {
            Result result = train(candidate, options.epochs(20));
            System.out.println("   " + result);
            if (best == null || result.bestValLoss() < best.bestValLoss()) {
                best = result;
            }
        }

        // Finally: the chosen model, trained on all training data for its best epoch count, tested once
        Trainer trainer = new Trainer(best.model().build(layers.choice(), options.seed()), Metric.ACCURACY).seed(options.seed()).quiet();
        trainer.fit(imdb.xTrain(), imdb.yTrain(), best.bestEpoch(), options.batchSize(512));
        Map<String, Double> test = trainer.evaluate(imdb.xTest(), imdb.yTest());
        System.out.printf("7. Final: %s for %d epochs on all %d reviews: test loss %.4f, test accuracy %.4f%n",
                best.model().name(), best.bestEpoch(), samples, test.get("loss"), test.get("acc"));
        options.record("test_acc", test.get("acc"));
        options.record("test_loss", test.get("loss"));
        return 0;
    }

    /** The hold-out split of step 2, on which steps 4 to 6 train and validate every model. */
    private INDArray xTrain;
    private INDArray yTrain;
    private INDArray xVal;
    private INDArray yVal;

    /** What validation says of one model trained {@code epochs} epochs of 512. */
    private record Result(ImdbModel model, History history) {
        int bestEpoch() {
            return history.bestEpoch("val_loss");
        }

        double bestValLoss() {
            return history.get("val_loss").get(bestEpoch() - 1);
        }

        @Override
        public String toString() {
            return String.format("%s: lowest validation loss %.4f at epoch %d (validation accuracy %.4f)", model.name(),
                    bestValLoss(), bestEpoch(), history.get("val_acc").get(bestEpoch() - 1));
        }
    }

    private Result train(ImdbModel model, int epochs) {
        Trainer trainer = new Trainer(model.build(layers.choice(), options.seed()), Metric.ACCURACY).seed(options.seed()).quiet();
        return new Result(model, trainer.fit(xTrain, yTrain, epochs, options.batchSize(512), xVal, yVal));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
