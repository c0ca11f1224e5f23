package dlwj.chapter05;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.cli.ResumeOption;
import dlwj.datasets.ImageFolders;
import dlwj.keras.layers.Dense;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import dlwj.training.Metric;
import dlwj.training.ModelFiles;
import dlwj.training.ModelSummary;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import dlwj.training.images.ClassMode;
import dlwj.training.images.ImageAugmentation;
import dlwj.training.images.ImageBatches;
import dlwj.training.images.RunTimeEstimate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book sections 5.3.1 (feature extraction with data augmentation, listings 5.20-5.21) and 5.3.2
 * (fine-tuning, listings 5.22-5.24): VGG16's convolutional base inside the model, frozen, under
 * {@code Flatten}, {@code Dense(256, relu)}, {@code Dense(1, sigmoid)}, trained end to end on augmented
 * pictures (RMSprop 2e-5, 30 epochs; the book: validation accuracy about 0.96); then {@code block5_conv1} to
 * {@code block5_conv3} unfrozen and trained with the classifier at RMSprop 1e-5 (100 epochs; the book: test
 * accuracy 0.968), with smoothed curves. Each phase checkpoints every epoch; {@code --resume} goes on from the
 * last one (a phase that had finished is not trained again).
 */
@Command(name = "Vgg16FineTuning", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.3.1-5.3.2: VGG16 frozen inside the model on augmented pictures, then fine-tuning block 5.")
public final class Vgg16FineTuning implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new Vgg16FineTuning(), args);
    }

    @Override
    public Integer call() {
        Path weightsFile = weights.notop(options);
        int[][] blocks = Vgg16ConvBase.blocksOf(weightsFile);

        // Listing 5.20: the convolutional base inside the model, frozen (conv_base.trainable = False)
        MultiLayerNetwork model = buildModel(blocks, name -> true, 2e-5);
        Vgg16ConvBase.loadKerasWeights(model, weightsFile);
        System.out.print(ModelSummary.of(model, InputType.convolutional(SIZE, SIZE, 3)));
        System.out.println("This is the number of trainable weights before freezing the conv base: "
                + weightTensors(model, false));
        System.out.println("This is the number of trainable weights after freezing the conv base: "
                + weightTensors(model, true));

        // Listing 5.21: training the model end to end with the frozen convolutional base, on pictures augmented as
        // in listing 5.11, all rescaled by 1/255
        ImageFolders folders = pictures.folders(options);
        // train_datagen.flow_from_directory(train_dir, target_size=(150, 150), batch_size=20, class_mode='binary')
        ImageBatches train = ImageBatches.flowFromDirectory(folders.train()).augmentation(ImageAugmentation.book())
                .targetSize(SIZE, SIZE).batchSize(options.batchSize(20)).classMode(ClassMode.BINARY)
                .seed(options.seed()).build().stepsPerEpoch(pictures.stepsPerEpoch(options));
        // test_datagen.flow_from_directory(validation_dir, target_size=(150, 150), batch_size=20, class_mode='binary')
        ImageBatches validation = ImageBatches.flowFromDirectory(folders.validation())
                .targetSize(SIZE, SIZE).batchSize(20).classMode(ClassMode.BINARY)
                .seed(options.seed()).build().stepsPerEpoch(pictures.validationSteps(options));
        Trainer frozenTrainer = trainer(model, "cats_and_dogs_small_3", train, validation);
        History frozen = fit(frozenTrainer, train, validation, options.epochs(30));
        model = (MultiLayerNetwork) frozenTrainer.model();
        ModelFiles.save(model, options.output("cats_and_dogs_small_3.zip"));
        plot(frozen, "vgg16-frozen");
        options.record("frozen_base_highest_val_acc", frozen.highest("val_acc"));

        // Listing 5.22: freezing all layers up to block4; the last block (block5_conv1 to block5_conv3) trains,
        // at RMSprop 1e-5
        String lastBlock = "block" + blocks.length + "_";
        MultiLayerNetwork tuned = buildModel(blocks, name -> !name.startsWith(lastBlock), 1e-5);
        tuned.setParams(model.params());
        System.out.print(ModelSummary.of(tuned, InputType.convolutional(SIZE, SIZE, 3)));
        System.out.println("Trainable weights with " + lastBlock + "* unfrozen: " + weightTensors(tuned, true));
        // Listing 5.23: fine-tuning the model, and its curves (figures 5.20 and 5.21)
        Trainer tuningTrainer = trainer(tuned, "cats_and_dogs_small_4", train, validation);
        History fineTuned = fit(tuningTrainer, train, validation, fineTuneEpochs);
        tuned = (MultiLayerNetwork) tuningTrainer.model();
        plot(fineTuned, "vgg16-fine-tuned");
        options.record("fine_tuned_highest_val_acc", fineTuned.highest("val_acc"));
        // Listing 5.24: smoothing the plots
        Map<String, List<Double>> smoothed = new LinkedHashMap<>();
        fineTuned.asMap().forEach((name, values) -> smoothed.put(name, Plots.smooth(values, 0.8)));
        plot(History.of(smoothed), "vgg16-fine-tuned-smoothed");
        ModelFiles.save(tuned, options.output("cats_and_dogs_small_4.zip"));

        // Section 5.3.2, last step: evaluating on the test pictures (Kaggle's split has them; cats_and_dogs_filtered not)
        if (folders.hasTest()) {
            // test_datagen.flow_from_directory(test_dir, target_size=(150, 150), batch_size=20, class_mode='binary')
            ImageBatches test = ImageBatches.flowFromDirectory(folders.test())
                    .targetSize(SIZE, SIZE).batchSize(20).classMode(ClassMode.BINARY).shuffle(false).build();
            Map<String, Double> results = new Trainer(tuned, Metric.ACCURACY).evaluate(test);
            System.out.printf("test acc: %.4f%n", results.get("acc"));
            options.record("test_acc", results.get("acc"));
        } else {
            System.out.println("No test pictures in cats_and_dogs_filtered (use --kaggle-train for the book's split)");
        }
        return 0;
    }

    private static final int SIZE = PictureOptions.SIZE;

    /** Listing 5.20's model: the base (the layers {@code frozen} names keep their weights), then the classifier. */
    private MultiLayerNetwork buildModel(int[][] blocks, Predicate<String> frozen, double learningRate) {
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.network(options.seed())
                .updater(KerasDefaults.rmsprop(learningRate)).list();
        LayerChoice choice = layers.choice();
        Vgg16ConvBase.layers(choice, blocks, frozen).forEach(list::layer);
        list.layer(choice.dense(256, Activation.RELU)); // after Flatten
        list.layer(choice.output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()));
        return choice.initialise(new MultiLayerNetwork(list.setInputType(InputType.convolutional(SIZE, SIZE, 3))
                .build()));
    }

    /**
     * Keras' {@code len(model.trainable_weights)}: how many weight tensors (kernels and biases) the model has,
     * counting those of frozen layers only when {@code trainableOnly} is false.
     */
    static int weightTensors(MultiLayerNetwork model, boolean trainableOnly) {
        return Arrays.stream(model.getLayers())
                .filter(layer -> !trainableOnly || !(layer instanceof FrozenLayer))
                .mapToInt(layer -> layer.paramTable().size())
                .sum();
    }

    /**
     * A trainer of one phase that checkpoints every epoch to {@code <name>.checkpoint.zip}, with where the picture
     * generators are; with {@code --resume} it goes on with the model saved there (a phase that had finished trains
     * no more).
     */
    private Trainer trainer(MultiLayerNetwork model, String name, ImageBatches train, ImageBatches validation) {
        return new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .checkpointed(options.output(name + ".checkpoint.zip"), resume.requested(), train, validation);
    }

    /** Says how long the phase will take; loading and augmentation run ahead of training in a background thread. */
    private static History fit(Trainer trainer, ImageBatches train, ImageBatches validation, int epochs) {
        RunTimeEstimate.print(trainer, train, validation, epochs);
        return trainer.fit(train, epochs, validation);
    }

    private void plot(History history, String name) {
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output(name + "-accuracy.png"));
        Plots.trainingAndValidation(history, "loss", "Training and validation loss",
                options.output(name + "-loss.png"));
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    Vgg16WeightsOption weights = new Vgg16WeightsOption();

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "100",
            description = "Epochs of fine-tuning (default: the book's ${DEFAULT-VALUE}).")
    int fineTuneEpochs;

    @Mixin
    ResumeOption resume = new ResumeOption();

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
