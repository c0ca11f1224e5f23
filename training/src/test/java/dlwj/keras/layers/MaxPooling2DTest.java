package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dlwj.training.KerasDefaults;
import dlwj.training.ModelFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** MaxPooling2D computes what DL4J's max SubsamplingLayer computes, forward and backward. */
class MaxPooling2DTest {

    @TempDir
    Path dir;

    /** conv 3x3 -> pool -> conv 3x3 -> pool -> sigmoid output, on {@code size} x {@code size} x 2 pictures. */
    private static MultiLayerNetwork network(boolean keras, int size, int pool) {
        Layer pooling1 = keras ? new MaxPooling2D.Builder(pool, pool).build()
                : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(pool, pool)
                        .stride(pool, pool).build();
        Layer pooling2 = keras ? new MaxPooling2D.Builder(2, 2).build()
                : new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(4).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.RELU).build())
                .layer(pooling1)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(pooling2)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.convolutional(size, size, 2))
                .build());
        KerasDefaults.initialise(net);
        return net;
    }

    private static DataSet data(int size) {
        Nd4j.getRandom().setSeed(3);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 6, 2, size, size),
                Nd4j.rand(DataType.FLOAT, 6, 1).gt(0.5).castTo(DataType.FLOAT));
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsMaxPoolingOnEvenAndOddSizes() {
        // 20 -> conv 18 -> pool 9 -> conv 7 -> pool 3 (odd: the last row and column are dropped); pools of 3 too
        for (int[] sizeAndPool : new int[][] {{20, 2}, {21, 2}, {23, 3}}) {
            MultiLayerNetwork dl4j = network(false, sizeAndPool[0], sizeAndPool[1]);
            MultiLayerNetwork keras = network(true, sizeAndPool[0], sizeAndPool[1]);
            DataSet data = data(sizeAndPool[0]);

            assertEquals(dl4j.params(), keras.params());
            assertArrayEquals(dl4j.output(data.getFeatures()).toFloatVector(),
                    keras.output(data.getFeatures()).toFloatVector(), 1e-6f);
            dl4j.setInput(data.getFeatures());
            dl4j.setLabels(data.getLabels());
            dl4j.computeGradientAndScore();
            keras.setInput(data.getFeatures());
            keras.setLabels(data.getLabels());
            keras.computeGradientAndScore();
            assertEquals(dl4j.score(), keras.score(), 1e-6);
            assertArrayEquals(dl4j.gradient().gradient().toFloatVector(), keras.gradient().gradient().toFloatVector(),
                    1e-5f, "size " + sizeAndPool[0] + ", pool " + sizeAndPool[1]);
        }
    }

    @Test
    void theGradientGoesToEachWindowsFirstMaximumAndNowhereElse() {
        MultiLayerNetwork net = new MultiLayerNetwork(KerasDefaults.network(1).list()
                .layer(new MaxPooling2D.Builder(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.convolutional(3, 4, 1))
                .build());
        net.init();
        INDArray picture = Nd4j.createFromArray(new float[] {
            1, 5, 2, 2,
            3, 5, 0, 1,
            9, 9, 9, 9}).reshape(1, 1, 3, 4);
        org.deeplearning4j.nn.api.Layer pooling = net.getLayer(0);
        pooling.setInput(picture, LayerWorkspaceMgr.noWorkspaces());

        INDArray pooled = pooling.activate(true, LayerWorkspaceMgr.noWorkspaces());
        INDArray gradient = pooling.backpropGradient(Nd4j.createFromArray(new float[] {10, 20}).reshape(1, 1, 1, 2),
                LayerWorkspaceMgr.noWorkspaces()).getSecond();

        assertArrayEquals(new float[] {5, 2}, pooled.ravel().toFloatVector());
        assertArrayEquals(new float[] {
            0, 10, 20, 0,
            0, 0, 0, 0,
            0, 0, 0, 0}, gradient.ravel().toFloatVector(), "ties: the first maximum; the last row: no window");

        pooling.setInput(picture.dup(), LayerWorkspaceMgr.noWorkspaces()); // backprop with no forward pass of its own
        INDArray again = pooling.backpropGradient(Nd4j.createFromArray(new float[] {10, 20}).reshape(1, 1, 1, 2),
                LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertEquals(gradient, again);
    }

    @Test
    void aSavedModelLoadsWithItsMaxPooling2DLayers() {
        MultiLayerNetwork net = network(true, 20, 2);
        DataSet data = data(20);

        MultiLayerNetwork loaded = ModelFiles.loadMultiLayerNetwork(ModelFiles.save(net, dir.resolve("model.zip")));

        assertEquals(MaxPooling2D.class, loaded.getLayer(1).conf().getLayer().getClass());
        assertEquals(net.output(data.getFeatures()), loaded.output(data.getFeatures()));
    }
}
