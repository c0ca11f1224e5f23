package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dlwj.keras.layers.Dense;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
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

/** Model files and label encoding. */
class ModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void savedModelPredictsTheSameAfterLoading() {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(3).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4);
        new Trainer(net).quiet().fit(x, Labels.toCategorical(Nd4j.createFromArray(0, 1, 1, 0, 1), 2), 2, 2);

        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("model.zip")));

        assertEquals(net.output(x), loaded.output(x));
        assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
    }

    @Test
    void aModelOfLayersThisVersionLacksIsRefusedInOneLineSayingWhatToDo() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(3).list()
                .layer(new Dense.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        Path saved = ModelFiles.save(net, dir.resolve("model.zip"));
        Path older = dir.resolve("older.zip");
        // the same model as an earlier version of the project saved it, its layers under another package
        try (ZipFile zip = new ZipFile(saved.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(older))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                byte[] content = zip.getInputStream(entry).readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(entry.getName().equals("configuration.json") ? new String(content, StandardCharsets.UTF_8)
                        .replace("dlwj.keras.layers.Dense", "dlwj.training.layers.Dense")
                        .getBytes(StandardCharsets.UTF_8) : content);
            }
        }

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelFiles.loadMultiLayerNetwork(older));

        assertEquals("Could not load a model from " + older + ": it names a layer this version does not have "
                + "(dlwj.training.layers.Dense); it was saved by another version of DL4J or of this project: "
                + "run the example that saved it again", e.getMessage());
    }

    @Test
    void toCategoricalIsOneHot() {
        INDArray oneHot = Labels.toCategorical(Nd4j.createFromArray(2, 0), 3);

        assertArrayEquals(new float[][] {{0, 0, 1}, {1, 0, 0}}, oneHot.toFloatMatrix());
        assertThrows(IllegalArgumentException.class, () -> Labels.toCategorical(Nd4j.createFromArray(3), 3));
    }
}
