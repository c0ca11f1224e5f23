package dlwj.datasets.formats;

import dlwj.datasets.files.FileValidator;
import dlwj.datasets.files.InvalidDataFileException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Keras weights file ({@code model.save_weights} and the {@code keras.applications} downloads,
 * such as VGG16's): HDF5 whose root attribute {@code layer_names} lists the layers in order (the input
 * layer, pooling and flatten included, without weights), one group per layer whose attribute
 * {@code weight_names} lists that layer's arrays (kernel, then bias), each a dataset at that path below the
 * group. Both layouts a reader may have in {@code ~/.keras} are read, since each weight is found by the
 * path its group lists:
 * <ul>
 * <li>Keras 1's, that of the VGG16 files Keras downloads ({@code vgg16_weights_tf_dim_ordering_tf_kernels[_notop].h5},
 * from fchollet/deep-learning-models v0.1): datasets directly in the layer's group,
 * {@code /block1_conv1/block1_conv1_W_1:0} and {@code /block1_conv1/block1_conv1_b_1:0};</li>
 * <li>Keras 2's {@code save_weights}: datasets in a nested group, {@code /block1_conv1/block1_conv1/kernel:0}
 * and {@code .../bias:0}.</li>
 * </ul>
 * Kernels are stored as Keras holds them: (height, width, in, out) for convolutions, (in, out) for dense
 * layers.
 */
public final class KerasWeightsFile implements AutoCloseable {

    /**
     * One weight array.
     *
     * @param name   its name in the layer's {@code weight_names}, for example {@code block1_conv1_W_1:0}
     * @param shape  its shape, in Keras' layout
     * @param values its values in C order
     */
    public record Weight(String name, long[] shape, float[] values) {
        @Override
        public String toString() {
            return name + " " + Arrays.toString(shape);
        }
    }

    private final Path path;
    private final HdfFile hdf;

    private KerasWeightsFile(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
    }

    public static KerasWeightsFile open(Path file) throws IOException {
        try {
            return new KerasWeightsFile(file, new HdfFile(file));
        } catch (HdfException e) {
            throw new InvalidDataFileException(file.getFileName() + " is not a readable HDF5 file: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The structural check: an HDF5 weights file with every one of these layers, each with a kernel (2 or
     * 4 dimensions) and a bias as long as the kernel's last dimension (its values are not read).
     */
    public static FileValidator holding(String... layers) {
        return file -> {
            try (KerasWeightsFile weights = open(file)) {
                List<String> names = weights.layerNames();
                for (String layer : layers) {
                    if (!names.contains(layer)) {
                        throw new InvalidDataFileException(file.getFileName() + " has no layer " + layer);
                    }
                    List<long[]> shapes = weights.shapes(layer);
                    if (shapes.size() != 2 || (shapes.get(0).length != 2 && shapes.get(0).length != 4)
                            || shapes.get(1).length != 1 || shapes.get(1)[0] != shapes.get(0)[shapes.get(0).length - 1]) {
                        throw new InvalidDataFileException(file.getFileName() + ": layer " + layer + " has weights of "
                                + "shapes " + shapes.stream().map(Arrays::toString).toList() + ", expected a kernel "
                                + "(2 or 4 dimensions) and a bias as long as the kernel's last dimension");
                    }
                }
            }
        };
    }

    /** The layers in the order the model defines them, those without weights (pooling) included. */
    public List<String> layerNames() throws InvalidDataFileException {
        try {
            return strings(hdf, "layer_names");
        } catch (HdfException e) {
            throw new InvalidDataFileException(path.getFileName() + ": the list of layers cannot be read: the file is "
                    + "truncated or damaged (" + e.getMessage() + ")", e);
        }
    }

    /** The weights of one layer, in Keras' order (kernel, then bias); empty for pooling layers. */
    public List<Weight> weights(String layer) throws InvalidDataFileException {
        List<Weight> weights = new ArrayList<>();
        for (Map.Entry<String, Dataset> entry : datasets(layer).entrySet()) {
            String name = layer + "/" + entry.getKey();
            try {
                requireWithinFile(entry.getValue(), name);
                weights.add(new Weight(entry.getKey(), shape(entry.getValue()),
                        finite(floats(entry.getValue().getDataFlat(), name), name)));
            } catch (HdfException e) {
                throw new InvalidDataFileException(path.getFileName() + ": the values of " + name
                        + " cannot be read: the file is truncated or damaged (" + e.getMessage() + ")", e);
            }
        }
        return weights;
    }

    /** The shapes of one layer's weights, without reading their values (a 528 MB file's architecture). */
    public List<long[]> shapes(String layer) throws InvalidDataFileException {
        return datasets(layer).values().stream().map(KerasWeightsFile::shape).toList();
    }

    /** The layer's weight datasets by name, in Keras' order. */
    private Map<String, Dataset> datasets(String layer) throws InvalidDataFileException {
        try {
            Node node = hdf.getChild(layer);
            if (!(node instanceof Group group)) {
                throw new InvalidDataFileException(path.getFileName() + " has no layer group " + layer);
            }
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (String name : strings(group, "weight_names")) {
                if (!(weight(group, name) instanceof Dataset dataset)) {
                    throw new InvalidDataFileException(path.getFileName() + ": layer " + layer + " lists the weight "
                            + name + ", which is not a dataset in the file");
                }
                datasets.put(name, dataset);
            }
            return datasets;
        } catch (HdfException e) {
            throw new InvalidDataFileException(path.getFileName() + ": layer " + layer + " cannot be read: the file is "
                    + "truncated or damaged (" + e.getMessage() + ")", e);
        }
    }

    /** The node at {@code name} below the layer's group, or null if there is none. */
    private static Node weight(Group group, String name) {
        try {
            return group.getByPath(name);
        } catch (HdfInvalidPathException e) {
            return null;
        }
    }

    private static long[] shape(Dataset dataset) {
        return Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
    }

    private List<String> strings(Node node, String attributeName) throws InvalidDataFileException {
        Attribute attribute = node.getAttribute(attributeName);
        if (attribute == null) {
            throw new InvalidDataFileException(path.getFileName() + ": " + node.getPath()
                    + " has no attribute " + attributeName + " (not a Keras weights file?)");
        }
        Object data = attribute.getData();
        if (data instanceof String[] strings) {
            return List.of(strings);
        }
        if (data instanceof String string) {
            return List.of(string);
        }
        return List.of(); // Keras writes an empty numeric array for a layer without weights
    }

    /** Refuses a dataset that claims more bytes than the whole file holds, before its values are allocated. */
    private void requireWithinFile(Dataset dataset, String name) throws InvalidDataFileException {
        long fileSize;
        try {
            fileSize = Files.size(path);
        } catch (IOException e) {
            throw new InvalidDataFileException(path.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        if (dataset.getSizeInBytes() > fileSize) {
            throw new InvalidDataFileException(String.format(Locale.ROOT, "%s: %s claims %,d bytes of values but the "
                    + "file holds %,d in all (truncated or damaged file)", path.getFileName(), name,
                    dataset.getSizeInBytes(), fileSize));
        }
    }

    /** {@code values}, refused when one is NaN or infinite: no trained weight is, a damaged file's can be. */
    private float[] finite(float[] values, String name) throws InvalidDataFileException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidDataFileException(path.getFileName() + ": " + name + " holds " + values[i]
                        + " at index " + i + ", not a trained weight (damaged file)");
            }
        }
        return values;
    }

    private float[] floats(Object data, String name) throws InvalidDataFileException {
        if (data instanceof float[] floats) {
            return floats;
        }
        if (data instanceof double[] doubles) {
            float[] floats = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                floats[i] = (float) doubles[i];
            }
            return floats;
        }
        throw new InvalidDataFileException(path.getFileName() + ": " + name + " is not a float array");
    }

    @Override
    public void close() {
        hdf.close();
    }
}
