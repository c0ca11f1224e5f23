package dlwj.chapter05;

import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.formats.KerasWeightsFile;
import dlwj.training.KerasDefaults;
import dlwj.training.LayerChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
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
    public static MultiLayerNetwork build(LayerChoice choice, int height, int width) {
        return build(choice, BLOCKS, height, width);
    }

    /** A VGG-like base with other blocks (the tests use a small one). */
    public static MultiLayerNetwork build(LayerChoice choice, int[][] blocks, int height, int width) {
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.network(0).list();
        layers(choice, blocks, name -> false).forEach(list::layer);
        MultiLayerNetwork base = new MultiLayerNetwork(list.setInputType(InputType.convolutional(height, width, 3)).build());
        base.init();
        return base;
    }

    /**
     * The base's layers, for a model that puts its own layers on top: those whose names {@code frozen} accepts
     * keep their weights during training (Keras' {@code trainable = False}).
     */
    public static List<Layer> layers(LayerChoice choice, int[][] blocks, Predicate<String> frozen) {
        List<Layer> layers = new ArrayList<>();
        for (int b = 0; b < blocks.length; b++) {
            for (int c = 0; c < blocks[b].length; c++) {
                String name = "block" + (b + 1) + "_conv" + (c + 1);
                layers.add(freezeIf(frozen.test(name), new ConvolutionLayer.Builder(3, 3).nOut(blocks[b][c])
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).name(name).build()));
            }
            String pool = "block" + (b + 1) + "_pool";
            Layer pooling = choice.maxPooling2D(2, 2);
            pooling.setLayerName(pool);
            layers.add(freezeIf(frozen.test(pool), pooling));
        }
        return layers;
    }

    private static Layer freezeIf(boolean frozen, Layer layer) {
        return frozen ? new FrozenLayer.Builder().layer(layer).name(layer.getLayerName()).build() : layer;
    }

    /**
     * The base that Keras' weight file describes (its convolutions' filter counts, block by block) for
     * {@code height x width} pictures, with those weights: VGG16 for Keras' VGG16 file.
     */
    public static MultiLayerNetwork fromKerasWeights(LayerChoice choice, Path kerasWeights, int height, int width) {
        return loadKerasWeights(build(choice, blocksOf(kerasWeights), height, width), kerasWeights);
    }

    /**
     * The whole network that Keras' {@code VGG16(include_top=True)} weight file describes, with those
     * weights: the base, then its dense layers ({@code fc1}, {@code fc2} with ReLU, {@code predictions}
     * with softmax over ImageNet's 1,000 classes). Keras flattens the last pooling's output channels last
     * (height, width, channel) and DL4J channels first, so the first dense kernel's rows are reordered.
     */
    public static MultiLayerNetwork withTop(Path kerasWeights, int height, int width) {
        Architecture architecture = Architecture.of(kerasWeights);
        List<String> names = architecture.denseLayers();
        if (names.isEmpty()) {
            throw new UncheckedIOException(new InvalidDataFileException(kerasWeights + " has no dense layers: it is a "
                    + "'notop' file; the classifier needs vgg16_weights_tf_dim_ordering_tf_kernels.h5"));
        }
        List<KerasWeightsFile.Weight> kernels = new ArrayList<>();
        List<KerasWeightsFile.Weight> biases = new ArrayList<>();
        try (KerasWeightsFile file = KerasWeightsFile.open(kerasWeights)) {
            for (String name : names) {
                List<KerasWeightsFile.Weight> weights = file.weights(name);
                kernels.add(weights.get(0));
                biases.add(weights.get(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Keras' weights from " + kerasWeights + ": " + e.getMessage(), e);
        }
        NeuralNetConfiguration.ListBuilder list = KerasDefaults.network(0).list();
        layers(LayerChoice.KERAS, architecture.blocks(), name -> false).forEach(list::layer);
        for (int i = 0; i < names.size(); i++) {
            int units = (int) kernels.get(i).shape()[1];
            list.layer(i < names.size() - 1
                    ? new DenseLayer.Builder().nOut(units).activation(Activation.RELU).name(names.get(i)).build()
                    : new OutputLayer.Builder(KerasDefaults.categoricalCrossentropy()).nOut(units).activation(Activation.SOFTMAX)
                            .name(names.get(i)).build());
        }
        InputType input = InputType.convolutional(height, width, 3);
        MultiLayerNetwork model = new MultiLayerNetwork(list.setInputType(input).build());
        model.init();
        loadKerasWeights(model, kerasWeights);
        int first = model.getnLayers() - names.size();
        InputType.InputTypeConvolutional pooled = (InputType.InputTypeConvolutional)
                model.getLayerWiseConfigurations().getLayerActivationTypes(input).get(first - 1);
        for (int i = 0; i < names.size(); i++) {
            INDArray kernel = Nd4j.create(kernels.get(i).values(), kernels.get(i).shape(), 'c');
            org.deeplearning4j.nn.api.Layer layer = model.getLayer(first + i);
            if (!Arrays.equals(layer.getParam("W").shape(), kernel.shape())) {
                throw new UncheckedIOException(new InvalidDataFileException(kerasWeights + ": " + names.get(i)
                        + "'s kernel is " + Arrays.toString(kernel.shape()) + ", but the model's is "
                        + Arrays.toString(layer.getParam("W").shape()) + " for " + height + "x" + width + " pictures"));
            }
            if (i == 0) { // rows in Keras' (h, w, c) order -> DL4J's (c, h, w)
                kernel = kernel.reshape('c', pooled.getHeight(), pooled.getWidth(), pooled.getChannels(), kernel.size(1))
                        .permute(2, 0, 1, 3).dup('c').reshape('c', kernel.size(0), kernel.size(1));
            }
            layer.setParam("W", kernel);
            layer.setParam("b", Nd4j.create(biases.get(i).values(), new long[] {1, biases.get(i).values().length}, 'c'));
        }
        return model;
    }

    /**
     * The side of the square pictures a weight file with a classifier was made for (224 for VGG16): its first
     * dense layer takes side / 2^blocks squared times the last convolution's filters.
     */
    public static int topInputSize(Path kerasWeights) {
        Architecture architecture = Architecture.of(kerasWeights);
        if (architecture.denseLayers().isEmpty()) {
            throw new UncheckedIOException(new InvalidDataFileException(kerasWeights + " has no dense layers: it is a "
                    + "'notop' file; the classifier needs vgg16_weights_tf_dim_ordering_tf_kernels.h5"));
        }
        int[] lastBlock = architecture.blocks()[architecture.blocks().length - 1];
        long cells = architecture.firstDenseInputs() / lastBlock[lastBlock.length - 1];
        return (int) Math.round(Math.sqrt(cells)) << architecture.blocks().length;
    }

    /** The filters of each convolution, block by block, of the base that Keras' weight file holds. */
    public static int[][] blocksOf(Path kerasWeights) {
        return Architecture.of(kerasWeights).blocks();
    }

    /**
     * What a Keras weight file holds, from its weights' shapes alone (no values read): the convolutions'
     * filters block by block (4D kernels; a {@code _pool} layer ends a block), then the dense layers (2D).
     */
    private record Architecture(int[][] blocks, List<String> denseLayers, long firstDenseInputs) {

        static Architecture of(Path kerasWeights) {
            List<int[]> blocks = new ArrayList<>();
            List<Integer> block = new ArrayList<>();
            List<String> dense = new ArrayList<>();
            long firstDenseInputs = 0;
            try (KerasWeightsFile file = KerasWeightsFile.open(kerasWeights)) {
                for (String layer : file.layerNames()) {
                    List<long[]> shapes = file.shapes(layer);
                    if (shapes.isEmpty()) {
                        if (layer.endsWith("_pool")) { // other layers without weights: input, flatten
                            blocks.add(block.stream().mapToInt(Integer::intValue).toArray());
                            block.clear();
                        }
                    } else if (shapes.get(0).length == 4) {
                        block.add((int) shapes.get(0)[3]);
                    } else {
                        firstDenseInputs = dense.isEmpty() ? shapes.get(0)[0] : firstDenseInputs;
                        dense.add(layer);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read Keras' weights from " + kerasWeights + ": " + e.getMessage(), e);
            }
            if (blocks.isEmpty() || !block.isEmpty()) {
                throw new UncheckedIOException(new InvalidDataFileException(kerasWeights
                        + " does not hold a convolutional base whose blocks end in pooling layers"));
            }
            return new Architecture(blocks.toArray(int[][]::new), List.copyOf(dense), firstDenseInputs);
        }
    }

    /** Copies the weights of Keras' file into the model's convolutions of the same names (frozen or not). */
    public static MultiLayerNetwork loadKerasWeights(MultiLayerNetwork model, Path kerasWeights) {
        try (KerasWeightsFile file = KerasWeightsFile.open(kerasWeights)) {
            for (org.deeplearning4j.nn.api.Layer wrapped : model.getLayers()) {
                org.deeplearning4j.nn.api.Layer layer = wrapped instanceof org.deeplearning4j.nn.layers.FrozenLayer frozen
                        ? frozen.getInsideLayer() : wrapped;
                String name = layer.conf().getLayer().getLayerName();
                if (!(layer.conf().getLayer() instanceof ConvolutionLayer) || !name.startsWith("block")) {
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
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Keras' weights from " + kerasWeights + ": " + e.getMessage(), e);
        }
    }
}
