package dlwj.training;

import java.util.Map;

/**
 * Keras' {@code Callback}: code that {@link Trainer#fit} calls at the end of each epoch, with the epoch's values
 * ({@code loss}, {@code acc}, {@code val_loss}, ..., Keras' {@code logs}) and the training it can act on: stop it,
 * change the learning rate, save the model. Values a callback adds to {@code logs} are kept in the
 * {@link History}, as Keras keeps {@code lr}. Pass callbacks with {@link Trainer#callbacks}.
 */
public interface Callback {

    /** After epoch {@code epoch} (from 1), before its values go into the history. */
    void onEpochEnd(int epoch, Map<String, Double> logs, Training training);

    /** What a callback can do to the training that calls it. */
    interface Training {

        /** The model being trained. */
        org.deeplearning4j.nn.api.Model model();

        /** Keras' {@code model.stop_training = True}: no epoch after this one. */
        void stop();

        /** The optimizer's learning rate now. */
        double learningRate();

        /** Keras' {@code K.set_value(model.optimizer.lr, value)}: every layer's learning rate, from the next step. */
        void setLearningRate(double value);
    }
}
