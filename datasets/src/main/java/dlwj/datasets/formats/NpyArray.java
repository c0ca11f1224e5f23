package dlwj.datasets.formats;

import dlwj.datasets.files.InvalidDataFileException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One array read from a {@code .npy} file: its numpy dtype, shape and data (C order).
 *
 * <p>The data is a {@code byte[]} for {@code uint8}/{@code int8}/{@code bool}, {@code int[]} for
 * {@code int32}, {@code long[]} for {@code int64}, {@code float[]} for {@code float32},
 * {@code double[]} for {@code float64}, and a {@code List<Object>} of the unpickled elements for
 * {@code object} arrays (Keras' ragged sequences: each element a list of ints). An accessor asked for a
 * kind of data the file does not hold throws an {@link InvalidDataFileException} naming the array.
 *
 * @param name  where the array comes from, for error messages: {@code imdb.npz: x_train.npy}
 * @param dtype numpy's name of the element type: {@code uint8}, {@code int64}, {@code float64},
 *              {@code object}, ...
 */
public record NpyArray(String name, String dtype, long[] shape, Object data) {

    /** Number of elements. */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** Checks that the array has {@code rank} dimensions: samples, then a sample's own. */
    public NpyArray requireRank(int rank) throws InvalidDataFileException {
        if (shape.length != rank) {
            throw new InvalidDataFileException(name + " has shape " + pythonShape() + ", expected a " + rank
                    + "-dimensional array");
        }
        return this;
    }

    /** Checks that this array has as many rows as {@code other} (samples and their labels). */
    public void requireSameLength(NpyArray other) throws InvalidDataFileException {
        if (shape[0] != other.shape[0]) {
            throw new InvalidDataFileException(other.name + " has " + other.shape[0] + " rows but " + name + " has "
                    + shape[0] + ": there must be one for each sample");
        }
    }

    public byte[] bytes() throws InvalidDataFileException {
        return as(byte[].class, "uint8");
    }

    public double[] doubles() throws InvalidDataFileException {
        return as(double[].class, "float64");
    }

    public float[] floats() throws InvalidDataFileException {
        return as(float[].class, "float32");
    }

    /** The elements as {@code long}, for any integer dtype. */
    public long[] longs() throws InvalidDataFileException {
        if (data instanceof long[] longs) {
            return longs;
        }
        if (data instanceof int[] ints) {
            return Arrays.stream(ints).asLongStream().toArray();
        }
        if (data instanceof byte[] bytes && !dtype.equals("bool")) {
            long[] values = new long[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = dtype.equals("uint8") ? Byte.toUnsignedLong(bytes[i]) : bytes[i];
            }
            return values;
        }
        throw new InvalidDataFileException(name + " holds " + dtype + " values, expected integers");
    }

    /** The elements as {@code int}, for integer dtypes whose values fit (labels). */
    public int[] ints() throws InvalidDataFileException {
        long[] values = longs();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != (int) values[i]) {
                throw new InvalidDataFileException(name + " holds " + values[i] + " at position " + i
                        + ", beyond the range of an int");
            }
            ints[i] = (int) values[i];
        }
        return ints;
    }

    /** The elements of an {@code object} array: each one as the pickle library returns it. */
    @SuppressWarnings("unchecked")
    public List<Object> objects() throws InvalidDataFileException {
        return as(List.class, "object");
    }

    /**
     * The elements of a one-dimensional {@code object} array of word-index sequences (Keras' IMDB and
     * Reuters files), each as an {@code int[]}: each element must be a list (or tuple, or integer array)
     * of non-negative ints.
     */
    public int[][] intSequences() throws InvalidDataFileException {
        List<Object> elements = requireRank(1).objects();
        int[][] sequences = new int[elements.size()][];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = NumpyPickle.toIntArray(elements.get(i), name + " element " + i);
        }
        return sequences;
    }

    private <T> T as(Class<T> type, String expected) throws InvalidDataFileException {
        if (!type.isInstance(data)) {
            throw new InvalidDataFileException(name + " holds " + dtype + " values, expected " + expected);
        }
        return type.cast(data);
    }

    /** The shape as numpy prints it: {@code (3,)}, {@code (3, 4)}. */
    private String pythonShape() {
        return Arrays.stream(shape).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", shape.length == 1 ? ",)" : ")"));
    }

    @Override
    public String toString() {
        return "NpyArray[" + name + ", dtype=" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
