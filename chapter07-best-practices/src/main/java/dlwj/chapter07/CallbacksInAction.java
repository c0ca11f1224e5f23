package dlwj.chapter07;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import dlwj.chapter03.ImdbBinaryClassification;
import dlwj.chapter03.ImdbVectors;
import dlwj.cli.ExampleOptions;
import dlwj.cli.Examples;
import dlwj.cli.LayersOption;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.Plots;
import dlwj.training.Trainer;
import dlwj.training.callbacks.EarlyStopping;
import dlwj.training.callbacks.ModelCheckpoint;
import dlwj.training.callbacks.ReduceLROnPlateau;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Book section 7.2.1, "Using callbacks to act on a model during training": chapter 3's IMDB model trained with the
 * section's callbacks: {@code EarlyStopping(monitor='acc', patience=1)}, {@code ModelCheckpoint('my_model',
 * monitor='val_loss', save_best_only=True)}, {@code ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=10)}
 * and the book's own {@link ActivationLogger}; {@code fit} for 10 epochs of 32, validated on 10,000 reviews.
 */
@Command(name = "CallbacksInAction", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 7.2.1: EarlyStopping, ModelCheckpoint, ReduceLROnPlateau and an ActivationLogger on IMDB.")
public final class CallbacksInAction implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new CallbacksInAction(), args);
    }

    @Override
    public Integer call() {
        ImdbVectors.HeldOut split = ImdbVectors.load(options).holdOut(options);

        // model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['acc'])
        MultiLayerNetwork model = ImdbBinaryClassification.model(layers.choice(), options.seed(), 2, 16,
                Activation.RELU, KerasDefaults.binaryCrossentropy());
        ActivationLogger activations = new ActivationLogger(split.xVal().get(interval(0, 1)).castTo(DataType.FLOAT),
                options.output("activations"));
        // model.fit(x, y, epochs=10, batch_size=32, callbacks=callbacks_list, validation_data=(x_val, y_val))
        History history = new Trainer(model, Metric.ACCURACY).seed(options.seed())
                .callbacks(new EarlyStopping("acc", 1),
                        new ModelCheckpoint(options.output("my_model.zip"), "val_loss", true),
                        new ReduceLROnPlateau("val_loss", 0.1, 10),
                        activations)
                .fit(split.xTrain(), split.yTrain(), options.epochs(10), options.batchSize(32), split.xVal(), split.yVal());

        Plots.trainingAndValidation(history, "loss", "Training and validation loss, the callbacks' view",
                options.output("callbacks-loss.png"));
        Plots.trainingAndValidation(history, "acc", "Training and validation accuracy",
                options.output("callbacks-accuracy.png"));
        int best = history.bestEpoch("val_loss");
        System.out.printf("%d epochs; lowest val_loss %.4f at epoch %d, the model saved then in %s; "
                + "activations of the first validation review in %s ... %s%n", history.epochs(),
                history.get("val_loss").get(best - 1), best, options.output("my_model.zip"),
                activations.file(1).getFileName(), activations.file(history.epochs()).getFileName());
        options.record("epochs", history.epochs());
        options.record("lowest_val_loss_and_epoch", history.get("val_loss").get(best - 1), best);
        options.record("last_lr", history.get("lr").get(history.epochs() - 1));
        return 0;
    }

    // The command line: the book's settings unless told otherwise

    @Mixin
    LayersOption layers = new LayersOption();

    @Mixin
    ExampleOptions options = new ExampleOptions();
}
