package dlwj.chapter04;

import dlwj.chapter03.ImdbVectors;
import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 4.4, "Overfitting and underfitting" (listings 4.3-4.8): chapter 3's IMDB network against a
 * smaller and a bigger one, with L2, L1 and L1+L2 weight regularisation, and with dropout, each trained 20
 * epochs of 512 with the test set as validation data, as in the book. Each comparison is one plot (figures
 * 4.4-4.8); a table gives each model's lowest validation loss and its epoch.
 */
@Command(name = "OverfittingAndUnderfitting", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 4.4: network size, weight regularisation and dropout on IMDB; figures 4.4-4.8.")
public final class OverfittingAndUnderfitting implements Callable<Integer>, CheckedOptions {

    static final List<ImdbModel> MODELS = List.of(
            ImdbModel.dense("original", 2, 16),                                                   // listing 4.3
            ImdbModel.dense("smaller", 2, 4),                                                     // listing 4.4
            ImdbModel.dense("bigger", 2, 512),                                                    // listing 4.5
            ImdbModel.dense("l2", 2, 16).kernelRegularizer(KerasDefaults.l2(0.001)),               // listing 4.6
            ImdbModel.dense("l1", 2, 16).kernelRegularizer(KerasDefaults.l1(0.001)),               // listing 4.7
            ImdbModel.dense("l1_l2", 2, 16).kernelRegularizer(KerasDefaults.l1(0.001), KerasDefaults.l2(0.001)),
            ImdbModel.dense("dropout", 2, 16).withDropout());                                     // listing 4.8

    public static void main(String[] args) {
        Examples.main(new OverfittingAndUnderfitting(), args);
    }

    @Override
    public Integer call() {
        // Chapter 3's data, listings 3.1 and 3.2: IMDB's 10,000 most frequent words as multi-hot rows
        ImdbVectors imdb = ImdbVectors.load(options);

        // Listings 4.3-4.8: each model trained 20 epochs of 512, with the test set as validation data
        Map<String, History> histories = new LinkedHashMap<>();
        for (ImdbModel model : chosenModels()) {
            System.out.println("Training the " + model.name() + " model:");
            Trainer trainer = new Trainer(model.build(layers.choice(), options.seed()), Metric.ACCURACY).seed(options.seed());
            histories.put(model.name(), trainer.fit(imdb.xTrain(), imdb.yTrain(), options.epochs(20),
                    options.batchSize(512), imdb.xTest(), imdb.yTest()));
        }

        // Figures 4.4-4.8: each variation against the original model
        compare(histories, "smaller", "val_loss", "Figure 4.4: effect of model capacity on validation loss");
        compare(histories, "bigger", "val_loss", "Figure 4.5: effect of model capacity on validation loss");
        compare(histories, "bigger", "loss", "Figure 4.6: effect of model capacity on training loss");
        compare(histories, "l2", "val_loss", "Figure 4.7: effect of L2 weight regularisation on validation loss");
        compare(histories, "l1", "val_loss", "L1 weight regularisation: validation loss");
        compare(histories, "l1_l2", "val_loss", "L1 and L2 weight regularisation: validation loss");
        compare(histories, "dropout", "val_loss", "Figure 4.8: effect of dropout on validation loss");

        System.out.printf("%n%-10s %-24s %s%n", "model", "lowest val_loss (epoch)", "lowest training loss");
        histories.forEach((name, history) -> {
            int best = history.bestEpoch("val_loss");
            System.out.printf("%-10s %-24s %.3f%n", name,
                    String.format("%.3f (%d)", history.get("val_loss").get(best - 1), best),
                    history.get("loss").get(history.bestEpoch("loss") - 1));
            options.record(name + "_lowest_val_loss_and_epoch", history.get("val_loss").get(best - 1), best);
        });
        return 0;
    }

    private void compare(Map<String, History> histories, String model, String series, String title) {
        if (!histories.containsKey("original") || !histories.containsKey(model)) {
            return;
        }
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        lines.put("Original model", histories.get("original").get(series));
        lines.put(capitalised(model) + " model", histories.get(model).get(series));
        String label = series.equals("loss") ? "Training loss" : "Validation loss";
        Plots.compare(lines, title, label,
                options.output("imdb-" + model + "-" + series.replace('_', '-') + ".png"));
    }

    private List<ImdbModel> chosenModels() {
        return models == null ? MODELS : MODELS.stream().filter(m -> models.contains(m.name())).toList();
    }

    // The command line: all the book's models unless told otherwise

    @Option(names = "--models", paramLabel = "NAME", split = ",",
            description = "Which models to train: original, smaller, bigger, l2, l1, l1_l2, dropout (default: all).")
    List<String> models;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    @Override
    public void checkOptions() {
        if (models != null && chosenModels().size() != models.size()) {
            throw new IllegalArgumentException("--models takes " + MODELS.stream().map(ImdbModel::name).toList()
                    + ", not " + models);
        }
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('_', '+');
    }
}
