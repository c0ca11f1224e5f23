package dlwj.training.book;

import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.KerasWeightsFile;
import dlwj.training.KerasDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG16's convolutional base, Keras' {@code VGG16(include_top=False, input_shape=(h, w, 3))} (book section
 * 5.3): five blocks of 3x3 'same' convolutions with ReLU, each ending in 2x2 max pooling, the layers named
 * as Keras names them ({@code block1_conv1} ... {@code block5_pool}), and the ImageNet weights copied from
 * Keras' HDF5 file. Keras stores a kernel as (height, width, in, out) and works on channels-last pictures;
 * DL4J's kernels are (out, in, height, width) on channels-first pictures, the same cross-correlation.
 */
public final class Vgg16ConvBase {

    /** The filters of each convolution, block by block. */
    public static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};

    private Vgg16ConvBase() {
    }

    /** The base for {@code height x width} RGB pictures (channels first), randomly initialised. */
    public static MultiLayerNetwork build(int height, int width) {
        return build(BLOCKS, height, width);
    }

    /** A VGG-like base with other blocks (the tests use a small one). */
    public static MultiLayerNetwork build(int[][] blocks, int height, int width) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.network(0).list();
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b].length; c++) {
                layers.layer(new ConvolutionLayer.Builder(3, 3).nOut(blocks[b][c]).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).name("block" + (b + 1) + "_conv" + (c + 1)).build());
            }
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .name("block" + (b + 1) + "_pool").build());
        }
        MultiLayerNetwork base = new MultiLayerNetwork(layers.setInputType(InputType.convolutional(height, width, 3)).build());
        base.init();
        return base;
    }

    /**
     * The base that Keras' weight file describes (its convolutions' filter counts, block by block) for
     * {@code height x width} pictures, with those weights: VGG16 for Keras' VGG16 file.
     */
    public static MultiLayerNetwork fromKerasWeights(Path kerasWeights, int height, int width) {
        List<int[]> blocks = new ArrayList<>();
        List<Integer> block = new ArrayList<>();
        try (KerasWeightsFile file = KerasWeightsFile.open(kerasWeights)) {
            for (String layer : file.layerNames()) {
                List<KerasWeightsFile.Weight> weights = file.weights(layer);
                if (weights.isEmpty()) {
                    if (layer.endsWith("_pool")) { // other layers without weights: the input layer
                        blocks.add(block.stream().mapToInt(Integer::intValue).toArray());
                        block.clear();
                    }
                } else {
                    long[] kernel = weights.get(0).shape();
                    block.add((int) kernel[kernel.length - 1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Keras' weights from " + kerasWeights + ": " + e.getMessage(), e);
        }
        if (blocks.isEmpty() || !block.isEmpty()) {
            throw new UncheckedIOException(new InvalidDataFileException(kerasWeights
                    + " does not hold a convolutional base whose blocks end in pooling layers"));
        }
        return loadKerasWeights(build(blocks.toArray(int[][]::new), height, width), kerasWeights);
    }

    /** Copies the weights of Keras' file into the convolutions of the same names. */
    public static MultiLayerNetwork loadKerasWeights(MultiLayerNetwork base, Path kerasWeights) {
        try (KerasWeightsFile file = KerasWeightsFile.open(kerasWeights)) {
            for (Layer layer : base.getLayers()) {
                String name = layer.conf().getLayer().getLayerName();
                if (!(layer.conf().getLayer() instanceof ConvolutionLayer)) {
                    continue;
                }
                List<KerasWeightsFile.Weight> weights = file.weights(name);
                INDArray kernel = Nd4j.create(weights.get(0).values(), weights.get(0).shape(), 'c');
                INDArray dl4jKernel = kernel.permute(3, 2, 0, 1).dup('c'); // (h, w, in, out) -> (out, in, h, w)
                INDArray current = layer.getParam("W");
                if (!Arrays.equals(current.shape(), dl4jKernel.shape())) {
                    throw new InvalidDataFileException(kerasWeights + ": " + name + "'s kernel is "
                            + Arrays.toString(weights.get(0).shape()) + " (h, w, in, out), but the model's is "
                            + Arrays.toString(current.shape()) + " (out, in, h, w)");
                }
                layer.setParam("W", dl4jKernel.castTo(current.dataType()));
                layer.setParam("b", Nd4j.create(weights.get(1).values(), new long[] {1, weights.get(1).values().length}, 'c')
                        .castTo(current.dataType()));
            }
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Keras' weights from " + kerasWeights + ": " + e.getMessage(), e);
        }
    }
}
