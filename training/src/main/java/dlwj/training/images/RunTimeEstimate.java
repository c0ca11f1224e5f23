package dlwj.training.images;

import dlwj.training.Trainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Says before a long run on pictures how long it will take: two training steps of a copy of the model on a
 * batch of noise are timed, and an epoch is its training steps plus its validation steps (a forward pass
 * only, about a third of a training step each).
 */
public final class RunTimeEstimate {

    private RunTimeEstimate() {
    }

    /** Prints the estimate for the epochs up to {@code epochs} that {@code trainer} has still to train. */
    public static void print(Trainer trainer, ImageBatches train, ImageBatches validation, int epochs) {
        MultiLayerNetwork probe = ((MultiLayerNetwork) trainer.model()).clone();
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, train.batch(), 3, train.height(), train.width()),
                Nd4j.rand(DataType.FLOAT, train.batch(), train.totalOutcomes()).gt(0.5).castTo(DataType.FLOAT));
        probe.fit(batch);
        long start = System.nanoTime();
        probe.fit(batch);
        probe.fit(batch);
        double stepSeconds = (System.nanoTime() - start) / 2e9;
        double epochSeconds = stepSeconds * (train.stepsPerEpoch() + validation.stepsPerEpoch() / 3.0);
        int remaining = epochs - trainer.epochsDone();
        System.out.printf("Estimated run time: %.0f min (%d epochs of %d steps of %d pictures at %.2f s per step, "
                + "and %d validation steps of %d pictures)%n", remaining * epochSeconds / 60, remaining,
                train.stepsPerEpoch(), train.batch(), stepSeconds, validation.stepsPerEpoch(), validation.batch());
    }
}
