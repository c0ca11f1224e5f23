package dlwj.chapter07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section 7.3.1's batch normalization and 7.3.2's separable convnet, counted as Keras counts them. */
class GettingTheMostOutOfModelsTest {

    @TempDir
    Path dir;

    @Test
    void theSeparableConvnetHasKerasParameterCountAgainstOrdinaryConvolutions() {
        ExampleRun run = ExampleRun.of(new SeparableConvnet(), "--quick", "--out", dir.toString());

        assertEquals(0, run.status(), run.output());
        // Keras: 155 + 2,400 + 4,736 + 8,896 + 9,408 + 8,896 for the separable convolutions, 4,128 + 330 dense
        assertEquals(List.of(38_949.0), run.results("separable_params"));
        assertEquals(List.of(282_282.0), run.results("ordinary_params"));
        assertTrue(run.output().contains("separable_conv2d_1 (SeparableConv2D)(None, 62, 62, 32)        155"),
                run.output());
    }

    @Test
    void batchNormalizationHasKerasDefaultsAndTwoNonTrainableNumbersAChannel() {
        ExampleRun run = ExampleRun.of(new BatchNormalizationLayers(), "--quick", "--out", dir.toString());
        BatchNormalization layer = (BatchNormalization) BatchNormalizationLayers.convModel().getLayer(1).conf()
                .getLayer();

        assertEquals(0, run.status(), run.output());
        assertEquals(0.99, layer.getDecay());
        assertEquals(1e-3, layer.getEps());
        assertTrue(run.output().contains("Total params: 448\nTrainable params: 384\nNon-trainable params: 64"),
                run.output());
        assertTrue(run.output().contains("Total params: 2,208\nTrainable params: 2,144\nNon-trainable params: 64"),
                run.output());
    }
}
