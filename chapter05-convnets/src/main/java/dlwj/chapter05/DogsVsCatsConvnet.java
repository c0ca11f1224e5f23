package dlwj.chapter05;

import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.cli.ResumeOption;
import dlwj.datasets.ImageFolders;
import dlwj.keras.layers.MaxPooling2D;
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
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Book section 5.2, "Training a convnet from scratch on a small dataset" (listings 5.4-5.15): 2,000 training
 * pictures of cats and dogs, four {@code Conv2D} + {@code MaxPooling2D} stages and a dense classifier on
 * 150x150 RGB (3,453,121 parameters), RMSprop at 1e-4. Without augmentation (the book: validation accuracy
 * about 0.71-0.73 after 30 epochs, then overfitting) or, with {@code --augment}, on randomly transformed
 * pictures with dropout (the book: 0.82-0.84 after 100 epochs). Checkpoints every epoch; {@code --resume}
 * goes on from the last one.
 */
@Command(name = "DogsVsCatsConvnet", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 5.2: a convnet from scratch on 2,000 cat and dog pictures; --augment for 5.2.5.")
public final class DogsVsCatsConvnet implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new DogsVsCatsConvnet(), args);
    }

    @Override
    public Integer call() {
        // Listing 5.4: the book's split of Kaggle's pictures, or TensorFlow's copy of its train and validation parts
        ImageFolders folders = pictures.folders(options);
        for (Path split : folders.hasTest() ? new Path[] {folders.train(), folders.validation(), folders.test()}
                : new Path[] {folders.train(), folders.validation()}) {
            for (String animal : folders.classes()) {
                System.out.printf("total %s %s images: %d%n", split.getFileName(), animal, ImageFolders.count(split, animal));
            }
        }

        // Listings 5.5 and 5.13: the model, with dropout before the classifier when training on augmented data
        MultiLayerNetwork model = model(layers.choice(), options.seed(), augment);
        System.out.print(ModelSummary.of(model, InputType.convolutional(SIZE, SIZE, 3)));

        // Listings 5.7 and 5.14: generators that read the pictures, rescaled by 1/255 (and augmented)
        ImageAugmentation augmentation = augment ? ImageAugmentation.book() : ImageAugmentation.none();
        // train_datagen.flow_from_directory(train_dir, target_size=(150, 150), batch_size=20, class_mode='binary')
        ImageBatches train = ImageBatches.flowFromDirectory(folders.train()).augmentation(augmentation)
                .targetSize(SIZE, SIZE).batchSize(options.batchSize(augment ? 32 : 20)).classMode(ClassMode.BINARY)
                .seed(options.seed()).build().stepsPerEpoch(pictures.stepsPerEpoch(options));
        // test_datagen.flow_from_directory(validation_dir, target_size=(150, 150), batch_size=20, class_mode='binary')
        ImageBatches validation = ImageBatches.flowFromDirectory(folders.validation())
                .targetSize(SIZE, SIZE).batchSize(augment ? 32 : 20).classMode(ClassMode.BINARY)
                .seed(options.seed()).build().stepsPerEpoch(pictures.validationSteps(options));
        if (augment) {
            showAugmentation(train);
        }

        // Listings 5.8 and 5.14: fitting the model using the batch generator, one checkpoint per epoch
        String name = augment ? "cats_and_dogs_small_2" : "cats_and_dogs_small_1";
        Trainer trainer = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .checkpointed(options.output(name + ".checkpoint.zip"), resume.requested(), train, validation);
        int epochs = options.epochs(augment ? 100 : 30);
        RunTimeEstimate.print(trainer, train, validation, epochs);
        // loading and augmentation run ahead of training in a background thread
        History history = trainer.fit(train, epochs, validation);

        // Listings 5.9 and 5.15: saving the model; listing 5.10: curves of loss and accuracy
        ModelFiles.save(trainer.model(), options.output(name + ".zip"));
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output(name + "-accuracy.png"));
        Plots.trainingAndValidation(history, "loss", "Training and validation loss",
                options.output(name + "-loss.png"));
        int best = history.bestEpoch("val_loss");
        double highest = history.highest("val_acc");
        System.out.printf("Lowest validation loss %.4f at epoch %d (validation accuracy %.4f); highest validation accuracy %.4f%n",
                history.get("val_loss").get(best - 1), best, history.get("val_acc").get(best - 1), highest);
        options.record("highest_val_acc", highest);
        options.record("lowest_val_loss_epoch", best);
        return 0;
    }

    private static final int SIZE = PictureOptions.SIZE;

    /** Listing 5.5 (with listing 5.13's dropout) and listing 5.6's compilation: RMSprop lr 1e-4, binary crossentropy. */
    public static MultiLayerNetwork model(LayerChoice choice, long seed, boolean dropout) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(seed)
                .updater(KerasDefaults.rmsprop(1e-4)).list();
        for (int filters : new int[] {32, 64, 128, 128}) {
            layers.layer(new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).build());
            layers.layer(choice.maxPooling2D(2, 2));
        }
        if (dropout) {
            layers.layer(new DropoutLayer.Builder(0.5).build()); // Keras' Dropout(0.5); DL4J takes the keep probability
        }
        layers.layer(choice.dense(512, Activation.RELU));
        layers.layer(choice.output(1, Activation.SIGMOID, KerasDefaults.binaryCrossentropy()));
        return choice.initialise(new MultiLayerNetwork(layers.setInputType(InputType.convolutional(SIZE, SIZE, 3))
                .build()));
    }

    /** Figure 5.11: four randomly augmented versions of one training picture. */
    private void showAugmentation(ImageBatches train) {
        Random random = new Random(options.seed());
        float[] pictures = new float[4 * 3 * SIZE * SIZE];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(train.image(3, random), 0, pictures, i * 3 * SIZE * SIZE, 3 * SIZE * SIZE);
        }
        Plots.imageGrid(Nd4j.create(pictures, new long[] {4, 3, SIZE, SIZE}, DataType.FLOAT), 4, 1, 1,
                options.output("augmented-pictures.png"));
    }

    // The command line: the book's settings unless told otherwise

    @Option(names = "--augment", description = "Data augmentation and dropout (listings 5.11-5.15).")
    boolean augment;

    @Mixin
    ResumeOption resume = new ResumeOption();

    @Mixin
    PictureOptions pictures = new PictureOptions();

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
