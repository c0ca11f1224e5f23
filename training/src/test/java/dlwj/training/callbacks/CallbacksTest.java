package dlwj.training.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.Callback;
import dlwj.training.History;
import dlwj.training.KerasDefaults;
import dlwj.training.Metric;
import dlwj.training.ModelFiles;
import dlwj.training.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Keras 2.0.8's callbacks on curves the test writes, then through the trainer on a small model. */
class CallbacksTest {

    @TempDir
    Path dir;

    private static final MultiLayerNetwork MODEL = classifier();

    /** A training that records what the callbacks do to it. */
    private static final class Recorded implements Callback.Training {
        Integer stoppedAt;
        int epoch;
        double learningRate = 1e-3;
        final List<Integer> saves = new ArrayList<>();

        @Override
        public Model model() {
            saves.add(epoch);
            return MODEL;
        }

        @Override
        public void stop() {
            stoppedAt = stoppedAt == null ? epoch : stoppedAt;
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public void setLearningRate(double value) {
            learningRate = value;
        }
    }

    /** Runs {@code callback} over a curve of {@code name}, one value an epoch, until it stops training. */
    private static Recorded run(Callback callback, String name, double... curve) {
        Recorded training = new Recorded();
        for (int i = 0; i < curve.length && training.stoppedAt == null; i++) {
            training.epoch = i + 1;
            Map<String, Double> logs = new HashMap<>(Map.of(name, curve[i]));
            callback.onEpochEnd(training.epoch, logs, training);
        }
        return training;
    }

    @Test
    void earlyStoppingCountsTheEpochsWithoutImprovementAsKeras208Does() {
        // best at epoch 2; with patience 1 Keras 2.0.8 stops at the second epoch in a row without improvement
        assertEquals(4, run(new EarlyStopping("val_loss", 1), "val_loss", 0.5, 0.4, 0.45, 0.41, 0.3, 0.2).stoppedAt);
        // on accuracy higher is better: best at epoch 3, patience 2 stops at epoch 6
        assertEquals(6, run(new EarlyStopping("acc", 2), "acc", 0.6, 0.7, 0.8, 0.8, 0.75, 0.79, 0.9).stoppedAt);
        // an improvement every epoch never stops
        assertEquals(null, run(new EarlyStopping("val_loss", 0), "val_loss", 0.5, 0.4, 0.3).stoppedAt);
    }

    @Test
    void reduceLrOnPlateauLowersTheRateAfterItsPatienceAndLogsIt() {
        ReduceLROnPlateau reduce = new ReduceLROnPlateau("val_loss", 0.1, 1);
        Recorded training = new Recorded();
        double[] curve = {0.5, 0.4, 0.40005, 0.41, 0.39, 0.395, 0.398};
        List<Double> logged = new ArrayList<>();
        for (int i = 0; i < curve.length; i++) {
            training.epoch = i + 1;
            Map<String, Double> logs = new HashMap<>(Map.of("val_loss", curve[i]));
            reduce.onEpochEnd(training.epoch, logs, training);
            logged.add(logs.get("lr"));
        }

        // 0.40005 is no improvement (Keras 2.0.8's epsilon, 1e-4): the rate falls after epoch 4, and again after 7
        assertEquals(List.of(1e-3, 1e-3, 1e-3, 1e-3, 1e-4, 1e-4, 1e-4), logged.stream()
                .map(rate -> Math.round(rate * 1e7) / 1e7).toList());
        assertEquals(1e-5, training.learningRate, 1e-12);
    }

    @Test
    void modelCheckpointWithSaveBestOnlySavesTheImprovingEpochsOnly() {
        Recorded best = run(new ModelCheckpoint(dir.resolve("best.zip"), "val_loss", true), "val_loss",
                0.5, 0.6, 0.4, 0.45, 0.3);
        Recorded every = run(new ModelCheckpoint(dir.resolve("every.zip"), "val_loss", false), "val_loss", 0.5, 0.6);

        assertEquals(List.of(1, 3, 5), best.saves);
        assertEquals(List.of(1, 2), every.saves);
    }

    @Test
    void aMonitorThatIsNotLoggedIsOneLineNamingWhatIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new EarlyStopping("val_acc", 1), "loss", 0.5));

        assertEquals("Nothing to monitor named 'val_acc': this training logs [loss] (val_ values need validation "
                + "data)", e.getMessage());
    }

    private static MultiLayerNetwork classifier() {
        return KerasDefaults.initialise(new MultiLayerNetwork(KerasDefaults.network(3).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4))
                .build()));
    }

    @Test
    void throughTheTrainerTheCallbacksStopSaveAndSetTheModelsLearningRate() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 2);
        for (int i = 0; i < 64; i++) {
            y.putScalar(i, i % 2, 1); // labels the inputs cannot tell: validation loss soon stops improving
        }
        Path best = dir.resolve("best.zip");
        MultiLayerNetwork model = classifier();

        History history = new Trainer(model, Metric.ACCURACY).quiet().seed(2)
                .callbacks(new ReduceLROnPlateau("val_loss", 0.5, 0), new EarlyStopping("val_loss", 2),
                        new ModelCheckpoint(best, "val_loss", true))
                .fit(x, y, 200, 16, 0.25);

        assertTrue(history.epochs() < 200, "stopped early: " + history.epochs() + " epochs");
        List<Double> rates = history.get("lr");
        assertEquals(1e-3, rates.get(0), 1e-9);
        assertTrue(rates.get(rates.size() - 1) < rates.get(0), "the plateau lowered the rate: " + rates);
        assertTrue(model.getLearningRate(0) <= rates.get(rates.size() - 1), "the model's rate is the lowered one");
        // the file holds the model of the epoch with the lowest validation loss (the last quarter of the data)
        double lowest = history.get("val_loss").get(history.bestEpoch("val_loss") - 1);
        INDArray xValidation = x.get(NDArrayIndex.interval(48, 64));
        INDArray yValidation = y.get(NDArrayIndex.interval(48, 64));
        double savedLoss = new Trainer(ModelFiles.loadMultiLayerNetwork(best)).quiet().evaluate(xValidation, yValidation)
                .get("loss");
        assertEquals(lowest, savedLoss, 1e-5);
    }

    @Test
    void theProgressLineLeavesOutWhatCallbacksLogAsKerasDoes() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 2);
        y.getColumn(0).assign(1);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        History history;
        try {
            history = new Trainer(classifier(), Metric.ACCURACY).callbacks(new ReduceLROnPlateau("loss", 0.5, 3))
                    .fit(x, y, 1, 16);
        } finally {
            System.setOut(original);
        }

        assertEquals(List.of(1e-3), history.get("lr"));
        String line = printed.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("Epoch 1/1 - ") && line.contains(" - acc: ") && !line.contains("lr"), line);
    }
}
