package dlwj.keras.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code MaxPooling2D(pool_size)} for DL4J: DL4J's max {@code SubsamplingLayer} with the pool size as
 * its strides (Keras' default) and no padding, computed by {@link MaxPooling2DImpl} in plain Java over
 * the arrays' memory. DL4J M2.1 sends max pooling to oneDNN's reference kernel for its NCHW layout (about
 * 0.5 s a step for the first pooling of the book's dogs-vs-cats convnet at batch 32) and pools again in
 * backprop to find the maxima; this layer pools once each way, in a few milliseconds. The configuration,
 * the saved JSON and the results are those of the DL4J layer it extends.
 */
public class MaxPooling2D extends SubsamplingLayer {

    /** For DL4J's JSON configuration format. */
    protected MaxPooling2D() {
    }

    protected MaxPooling2D(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray params, boolean initializeParams, DataType dataType) {
        return LayerWiring.wire(new MaxPooling2DImpl(conf, dataType), conf, initializer(), listeners, layerIndex,
                params, initializeParams);
    }

    /** {@code new MaxPooling2D.Builder(2, 2).build()}: Keras' {@code MaxPooling2D((2, 2))}. */
    public static class Builder extends BaseSubsamplingBuilder<Builder> {

        public Builder(int poolHeight, int poolWidth) {
            super(PoolingType.MAX, new int[] {poolHeight, poolWidth}, new int[] {poolHeight, poolWidth});
        }

        @Override
        protected boolean allowCausal() {
            return false;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MaxPooling2D build() {
            return new MaxPooling2D(this);
        }
    }
}
