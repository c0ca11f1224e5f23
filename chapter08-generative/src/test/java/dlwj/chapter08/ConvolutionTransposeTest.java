package dlwj.chapter08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code Conv2D(strides=2, padding='same')} and {@code Conv2DTranspose(strides=2, padding='same')} on
 * TensorFlow, the VAE's and the GAN's, in DL4J: the convolution pads as TensorFlow does (the odd pixel at the bottom
 * and right), and DL4J's {@code Deconvolution2D} in {@code Same} mode is its transpose, as TensorFlow's
 * {@code conv2d_transpose} is the gradient of {@code conv2d} with the same kernel.
 */
class ConvolutionTransposeTest {

    private static MultiLayerNetwork oneLayer(Layer layer, int side) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).list().layer(layer).setInputType(InputType.convolutional(side, side, 1))
                .build());
        network.init();
        return network;
    }

    /** TensorFlow's 'same': {@code ceil(side / 2)} outputs, the padding's odd pixel at the bottom and right. */
    @Test
    void aSameConvolutionOfStrideTwoPadsAsTensorFlow() {
        for (int[] kernelAndSide : new int[][] {{3, 28}, {4, 32}}) {
            int kernel = kernelAndSide[0];
            int side = kernelAndSide[1];
            MultiLayerNetwork conv = oneLayer(new ConvolutionLayer.Builder(kernel, kernel).nOut(1).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build(), side);
            INDArray w = Nd4j.rand(DataType.DOUBLE, 1, 1, kernel, kernel).subi(0.5);
            conv.getLayer(0).setParam("W", w);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, side, side);

            INDArray y = conv.output(x);

            int out = side / 2;
            int top = ((out - 1) * 2 + kernel - side) / 2; // 0 for the 3 x 3 kernel, 1 for the 4 x 4
            assertArrayEquals(new long[] {1, 1, out, out}, y.shape());
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < out; j++) {
                    double sum = 0;
                    for (int a = 0; a < kernel; a++) {
                        for (int b = 0; b < kernel; b++) {
                            int row = 2 * i + a - top;
                            int column = 2 * j + b - top;
                            if (row >= 0 && row < side && column >= 0 && column < side) {
                                sum += w.getDouble(0, 0, a, b) * x.getDouble(0, 0, row, column);
                            }
                        }
                    }
                    assertEquals(sum, y.getDouble(0, 0, i, j), 1e-12, kernel + " x " + kernel + " at " + i + ", " + j);
                }
            }
        }
    }

    /** The VAE's 3 x 3 kernel from 14 x 14 to 28 x 28 and the GAN's 4 x 4 from 16 x 16 to 32 x 32. */
    @Test
    void theSameTransposedConvolutionIsThatConvolutionsTranspose() {
        for (int[] kernelAndSide : new int[][] {{3, 28}, {4, 32}}) {
            int kernel = kernelAndSide[0];
            int side = kernelAndSide[1];
            MultiLayerNetwork conv = oneLayer(new ConvolutionLayer.Builder(kernel, kernel).nOut(1).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build(), side);
            MultiLayerNetwork transposed = oneLayer(new Deconvolution2D.Builder(kernel, kernel).nOut(1).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build(),
                    side / 2);
            INDArray w = Nd4j.rand(DataType.DOUBLE, 1, 1, kernel, kernel).subi(0.5);
            conv.getLayer(0).setParam("W", w);
            transposed.getLayer(0).setParam("W", w.dup());
            INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, side, side);
            INDArray y = Nd4j.rand(DataType.DOUBLE, 1, 1, side / 2, side / 2);

            INDArray upsampled = transposed.output(y);

            assertArrayEquals(new long[] {1, 1, side, side}, upsampled.shape());
            // <conv_transpose(y), x> = <y, conv(x)> for every x and y: the transpose, same kernel
            assertEquals(y.mul(conv.output(x)).sumNumber().doubleValue(), upsampled.mul(x).sumNumber().doubleValue(),
                    1e-10, kernel + " x " + kernel);
        }
    }
}
