package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 4);
        INDArray y = x.sum(true, 1);
        Checkpoint checkpoint = new Checkpoint(dir.resolve("run.checkpoint.zip"));
        MultiLayerNetwork first = model();
        Trainer trainer = new Trainer(first, Metric.MAE).quiet()
                .onEpochEnd((epoch, history) -> checkpoint.save(first, history));
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
    void noCheckpointIsEmptyAndABrokenOneSaysWhatToDo() throws Exception {
        Checkpoint checkpoint = new Checkpoint(dir.resolve("missing.zip"));
        assertTrue(checkpoint.load().isEmpty());

        Files.writeString(dir.resolve("broken.zip"), "not a zip");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new Checkpoint(dir.resolve("broken.zip")).load());
        assertTrue(e.getMessage().contains("delete it to start over"), e.getMessage());
    }
}
