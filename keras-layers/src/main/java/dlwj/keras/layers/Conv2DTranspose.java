package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code Conv2DTranspose(filters, kernel_size, strides, padding)} for DL4J: DL4J's {@code Deconvolution2D},
 * computed by {@link Conv2DTransposeImpl} as what a transposed convolution is, the input gradient of the
 * convolution it transposes. DL4J M2.1's {@code deconv2d} ops have no oneDNN path and take 5-8x the time of the
 * {@code conv2d} and {@code conv2d_bp} ops that compute the same numbers with one (the VAE's layer, 16 x 64 x 14 x
 * 14 to 32 x 28 x 28: 9 ms forward and 23 ms backward, against 2 and 3). The configuration, the parameters (in
 * {@code Deconvolution2D}'s layout) and the saved JSON are those of the DL4J layer it extends.
 */
public class Conv2DTranspose extends Deconvolution2D {

    /** For DL4J's JSON configuration format. */
    protected Conv2DTranspose() {
    }

    protected Conv2DTranspose(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new Conv2DTransposeImpl(conf, dataType), conf, initializer(), listeners, layerIndex,
                params, initializeParams);
    }

    /** {@code new Conv2DTranspose.Builder(3, 3).nOut(32).stride(2, 2)}: Keras' {@code Conv2DTranspose(32, 3,
     * strides=2)}. */
    public static class Builder extends Deconvolution2D.Builder {

        public Builder(int kernelHeight, int kernelWidth) {
            super(kernelHeight, kernelWidth);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Conv2DTranspose build() {
            return new Conv2DTranspose(this);
        }
    }
}
