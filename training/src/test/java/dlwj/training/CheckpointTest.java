package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CheckpointTest {

    @TempDir
    Path dir;

    /** 64 samples of 4 features, and their sums to learn. */
    private INDArray x;
    private INDArray y;

    @BeforeEach
    void sums() {
        Nd4j.getRandom().setSeed(1);
        x = Nd4j.rand(DataType.FLOAT, 64, 4);
        y = x.sum(true, 1);
    }

    private static MultiLayerNetwork model() {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(5).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .build());
        net.init();
        return net;
    }

    @Test
    void anInterruptedRunGoesOnFromItsLastEpoch() {
        Checkpoint checkpoint = new Checkpoint(dir.resolve("run.checkpoint.zip"));
        MultiLayerNetwork first = model();
        Trainer trainer = new Trainer(first, Metric.MAE).quiet()
                .onEpochEnd((epoch, history) -> checkpoint.save(first, history, List.of()));
        History twoEpochs = trainer.fit(x, y, 2, 16);

        Checkpoint.Saved saved = checkpoint.load().orElseThrow();
        assertEquals(twoEpochs.asMap(), saved.history().asMap());
        assertEquals(first.params(), saved.model().params());
        List<Integer> epochsRun = new ArrayList<>();
        History fourEpochs = new Trainer(saved.model(), Metric.MAE).quiet().resumeFrom(saved.history())
                .onEpochEnd((epoch, history) -> epochsRun.add(epoch)).fit(x, y, 4, 16);

        assertEquals(List.of(3, 4), epochsRun);
        assertEquals(4, fourEpochs.epochs());
        assertEquals(twoEpochs.get("loss"), fourEpochs.get("loss").subList(0, 2));
        assertTrue(fourEpochs.get("loss").get(3) < fourEpochs.get("loss").get(0));
    }

    @Test
    void aCheckpointedTrainerResumesWithTheRemainingEpochsAndKeepsTheHistory() {
        Path file = dir.resolve("run.checkpoint.zip");
        String fresh = printedBy(() -> new Trainer(model(), Metric.MAE).quiet().checkpointed(file, true).fit(x, y, 2, 16));
        assertTrue(fresh.contains("No checkpoint at " + file + ": starting from the first epoch"), fresh);
        History twoEpochs = new Checkpoint(file).load().orElseThrow().history();

        List<Integer> epochsRun = new ArrayList<>();
        List<History> fourEpochs = new ArrayList<>();
        String resumed = printedBy(() -> fourEpochs.add(new Trainer(model(), Metric.MAE).quiet().checkpointed(file, true)
                .onEpochEnd((epoch, history) -> epochsRun.add(epoch)).fit(x, y, 4, 16)));

        assertTrue(resumed.contains("Resuming after epoch 2 from " + file), resumed);
        assertEquals(List.of(3, 4), epochsRun);
        assertEquals(twoEpochs.asMap().keySet(), fourEpochs.get(0).asMap().keySet());
        assertEquals(twoEpochs.get("loss"), fourEpochs.get(0).get("loss").subList(0, 2));
        assertEquals(fourEpochs.get(0).asMap(), new Checkpoint(file).load().orElseThrow().history().asMap());
    }

    @Test
    void aResumedRunDrawsAndLearnsWhatTheUninterruptedRunDid() {
        Trainer uninterrupted = new Trainer(modelWithDropout(), Metric.MAE).quiet().seed(3)
                .checkpointed(dir.resolve("uninterrupted.zip"), false);
        History fourEpochs = uninterrupted.fit(x, y, 4, 16);

        Path file = dir.resolve("interrupted.zip");
        new Trainer(modelWithDropout(), Metric.MAE).quiet().seed(3).checkpointed(file, false).fit(x, y, 2, 16);
        Nd4j.getRandom().setSeed(1234); // a new process: its generators are not where the first one left them
        Trainer resumed = new Trainer(modelWithDropout(), Metric.MAE).quiet().seed(3).checkpointed(file, true);
        History resumedFourEpochs = resumed.fit(x, y, 4, 16);

        assertEquals(fourEpochs.asMap(), resumedFourEpochs.asMap());
        assertEquals(uninterrupted.model().params(), resumed.model().params());
    }

    @Test
    void aCheckpointOfAnEarlierVersionResumesWithFreshDraws() {
        Path file = dir.resolve("earlier.zip");
        MultiLayerNetwork model = model();
        new Trainer(model, Metric.MAE).quiet().fit(x, y, 1, 16);
        new Checkpoint(file).save(model, History.of(Map.of("loss", List.of(1.0), "mae", List.of(1.0))),
                List.of());

        List<History> twoEpochs = new ArrayList<>();
        String printed = printedBy(() -> twoEpochs.add(new Trainer(model(), Metric.MAE).quiet()
                .checkpointed(file, true).fit(x, y, 2, 16)));

        assertTrue(printed.contains("keeps no states of the run's random draws"), printed);
        assertEquals(2, twoEpochs.get(0).epochs());
    }

    private static MultiLayerNetwork modelWithDropout() {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(5).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .build());
        net.init();
        return net;
    }

    /** What {@code run} printed on standard output. */
    private static String printedBy(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCheckpointIsEmptyAndABrokenOneSaysWhatToDo() throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir.resolve("missing.zip"));
        assertTrue(checkpoint.load().isEmpty());

        Files.writeString(dir.resolve("broken.zip"), "not a zip");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new Checkpoint(dir.resolve("broken.zip")).load());
        assertTrue(e.getMessage().contains("delete it to start over"), e.getMessage());
    }
}
