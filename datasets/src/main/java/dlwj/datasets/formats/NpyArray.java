package dlwj.datasets.formats;

import java.util.Arrays;
import java.util.List;

/**
 * One array read from a {@code .npy} file: its numpy dtype, shape and data (C order).
 *
 * <p>The data is a {@code byte[]} for {@code uint8}/{@code int8}/{@code bool}, {@code int[]} for
 * {@code int32}, {@code long[]} for {@code int64}, {@code float[]} for {@code float32},
 * {@code double[]} for {@code float64}, and a {@code List<Object>} of the unpickled elements for
 * {@code object} arrays (Keras' ragged sequences: each element a list of ints).
 *
 * @param dtype numpy's name of the element type: {@code uint8}, {@code int64}, {@code float64},
 *              {@code object}, ...
 */
public record NpyArray(String dtype, long[] shape, Object data) {

    /** Number of elements. */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    public byte[] bytes() {
        return as(byte[].class);
    }

    public double[] doubles() {
        return as(double[].class);
    }

    public float[] floats() {
        return as(float[].class);
    }

    /** The elements as {@code long}, for any integer dtype. */
    public long[] longs() {
        if (data instanceof long[] longs) {
            return longs;
        }
        if (data instanceof int[] ints) {
            return Arrays.stream(ints).asLongStream().toArray();
        }
        if (data instanceof byte[] bytes && dtype.startsWith("uint")) {
            long[] values = new long[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = Byte.toUnsignedLong(bytes[i]);
            }
            return values;
        }
        throw new IllegalStateException("Expected an integer array, found " + dtype);
    }

    /** The elements as {@code int}, for integer dtypes whose values fit (labels). */
    public int[] ints() {
        long[] values = longs();
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = Math.toIntExact(values[i]);
        }
        return ints;
    }

    /** The elements of an {@code object} array: each one as the pickle library returns it. */
    @SuppressWarnings("unchecked")
    public List<Object> objects() {
        return as(List.class);
    }

    /**
     * The elements of an {@code object} array of integer sequences (Keras' IMDB and Reuters files), each
     * as an {@code int[]}.
     */
    public int[][] intSequences() {
        List<Object> elements = objects();
        int[][] sequences = new int[elements.size()][];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = NumpyPickle.toIntArray(elements.get(i));
        }
        return sequences;
    }

    private <T> T as(Class<T> type) {
        if (!type.isInstance(data)) {
            throw new IllegalStateException("Expected " + type.getSimpleName() + " data, found dtype " + dtype);
        }
        return type.cast(data);
    }

    @Override
    public String toString() {
        return "NpyArray[dtype=" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
