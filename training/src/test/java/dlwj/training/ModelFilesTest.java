package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
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
    void toCategoricalIsOneHot() {
        INDArray oneHot = Labels.toCategorical(Nd4j.createFromArray(2, 0), 3);

        assertArrayEquals(new float[][] {{0, 0, 1}, {1, 0, 0}}, oneHot.toFloatMatrix());
        assertThrows(IllegalArgumentException.class, () -> Labels.toCategorical(Nd4j.createFromArray(3), 3));
    }
}
