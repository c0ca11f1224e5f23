package dlwj.chapter06;

import dlwj.cli.ExampleOptions;
import dlwj.training.History;
import dlwj.training.Plots;

/**
 * What the chapter's classifiers do after training, as listing 6.24 does: the training and validation accuracy
 * and loss plotted ({@code <name>-accuracy.png}, {@code <name>-loss.png}), and the highest validation accuracy,
 * the number the book quotes, printed with its epoch and recorded as {@code resultName}.
 */
public final class AccuracyCurves {

    private AccuracyCurves() {
    }

    public static void plotAndReport(History history, String name, String resultName, ExampleOptions options) {
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output(name + "-accuracy.png"));
        Plots.trainingAndValidation(history, "loss", "Training and validation loss", options.output(name + "-loss.png"));
        double best = history.highest("val_acc");
        System.out.printf("%s: highest validation accuracy %.4f at epoch %d%n%n", name, best,
                history.highestEpoch("val_acc"));
        options.record(resultName, best);
    }
}
