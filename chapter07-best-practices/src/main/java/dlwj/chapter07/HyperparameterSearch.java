package dlwj.chapter07;

import dlwj.chapter03.ImdbVectors;
import dlwj.cli.CheckedOptions;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.Trainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 7.3.2, "Hyperparameter optimization": a random search over chapter 3's IMDB classifier (hidden
 * layers, units, dropout, learning rate). Each trial trains on 15,000 reviews and is judged on the held-out 10,000
 * (as in section 3.4), one line a trial; the best trial's settings are then trained on all 25,000 training reviews
 * for its best number of epochs and evaluated once on the test set, which no trial saw.
 */
@Command(name = "HyperparameterSearch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.3.2: a random search over the IMDB model's layers, units, dropout and learning rate.")
public final class HyperparameterSearch implements Callable<Integer>, CheckedOptions {

    /** One point of the search space. */
    record Settings(int hiddenLayers, int units, double dropout, double learningRate) {

        /** A point drawn uniformly from the search space. */
        static Settings draw(Random random) {
            return new Settings(1 + random.nextInt(3), new int[] {16, 32, 64}[random.nextInt(3)],
                    new double[] {0, 0.25, 0.5}[random.nextInt(3)], new double[] {1e-3, 3e-4, 1e-4}[random.nextInt(3)]);
        }

        @Override
        public String toString() {
            return String.format("%d x Dense(%d), dropout %.2f, lr %.0e", hiddenLayers, units, dropout, learningRate);
        }
    }

    /** A trial's settings and its best validation accuracy, at which epoch. */
    record Trial(Settings settings, double valAcc, int epoch) {
    }

    public static void main(String[] args) {
        Examples.main(new HyperparameterSearch(), args);
    }

    @Override
    public Integer call() {
        ImdbVectors imdb = ImdbVectors.load(options);
        ImdbVectors.HeldOut split = imdb.holdOut(options);

        Random random = new Random(options.seed());
        List<Trial> trials = new ArrayList<>();
        for (int t = 1; t <= options.samples(this.trials, 2); t++) {
            Settings settings = Settings.draw(random);
            History history = new Trainer(model(settings, layers.choice(), options.seed()), Metric.ACCURACY)
                    .seed(options.seed()).quiet()
                    .fit(split.xTrain(), split.yTrain(), options.epochs(10), options.batchSize(512), split.xVal(),
                            split.yVal());
            Trial trial = new Trial(settings, history.highest("val_acc"), history.highestEpoch("val_acc"));
            trials.add(trial);
            System.out.printf("trial %2d: %-36s best val_acc %.4f at epoch %d%n", t, settings, trial.valAcc(),
                    trial.epoch());
        }

        trials.sort(Comparator.comparingDouble(Trial::valAcc).reversed());
        System.out.println("\nsettings                              val_acc  epoch");
        for (Trial trial : trials) {
            System.out.printf("%-36s  %.4f   %d%n", trial.settings(), trial.valAcc(), trial.epoch());
        }

        Trial best = trials.get(0);
        Trainer trainer = new Trainer(model(best.settings(), layers.choice(), options.seed()), Metric.ACCURACY)
                .seed(options.seed()).quiet();
        trainer.fit(imdb.xTrain(), imdb.yTrain(), best.epoch(), options.batchSize(512));
        Map<String, Double> test = trainer.evaluate(imdb.xTest(), imdb.yTest());
        System.out.printf("%nbest: %s, retrained on all training reviews for %d epochs: test_acc %.4f%n",
                best.settings(), best.epoch(), test.get("acc"));
        options.record("best_val_acc", best.valAcc());
        options.record("test_acc", test.get("acc"));
        return 0;
    }

    /** Chapter 3's model with {@code settings}: ReLU layers, each followed by dropout if any; rmsprop at its rate. */
    static MultiLayerNetwork model(Settings settings, LayerChoice layers, long seed) {
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(settings.learningRate())).list();
        for (int i = 0; i < settings.hiddenLayers(); i++) {
            list.layer(layers.dense(settings.units(), Activation.RELU));
            if (settings.dropout() > 0) {
                // Keras' Dropout(rate) drops that share; DL4J's argument is the probability of keeping a unit
                list.layer(new DropoutLayer.Builder(1 - settings.dropout()).build());
            }
        }
        list.layer(layers.output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()));
        return layers.initialise(new MultiLayerNetwork(list.setInputType(InputType.feedForward(ImdbVectors.NUM_WORDS))
                .build()));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--trials", paramLabel = "N", defaultValue = "10",
            description = "Settings drawn and trained (default: ${DEFAULT-VALUE}; 2 with --quick).")
    int trials;

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();

    @Override
    public void checkOptions() {
        CheckedOptions.requireAtLeast("--trials", trials, 1);
    }
}
