package dlwj.datasets.formats;

import dlwj.datasets.files.InvalidDataFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the numpy object arrays that {@code np.save} writes for {@code dtype=object}: Keras'
 * {@code imdb.npz} and {@code reuters.npz} hold the ragged word-index sequences this way. The pickle
 * calls {@code numpy.core.multiarray._reconstruct} and {@code numpy.dtype}, then sets their state; this
 * class gives the pickle library Java stand-ins for those two (and for numpy scalars inside lists).
 * Nothing else in the pickle is executed.
 */
final class NumpyPickle {

    static {
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", args -> new Ndarray());
            Unpickler.registerConstructor(module, "scalar", NumpyPickle::scalar);
        }
        Unpickler.registerConstructor("numpy", "dtype", args -> new Dtype((String) args[0]));
    }

    private NumpyPickle() {
    }

    /** Unpickles one numpy array from {@code in}. */
    static Ndarray load(InputStream in, String name) throws IOException {
        Object value;
        try {
            value = new Unpickler().load(in);
        } catch (PickleException e) {
            throw new InvalidDataFileException(name + ": cannot unpickle the object array: " + e.getMessage(), e);
        }
        if (!(value instanceof Ndarray array)) {
            throw new InvalidDataFileException(name + ": the pickle holds a "
                    + (value == null ? "None" : value.getClass().getSimpleName()) + ", not a numpy array");
        }
        return array;
    }

    /** One sequence of word indices, from a Python list or tuple of ints, or an integer numpy array. */
    static int[] toIntArray(Object sequence) {
        if (sequence instanceof List<?> list) {
            int[] values = new int[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = ((Number) list.get(i)).intValue();
            }
            return values;
        }
        if (sequence instanceof Object[] tuple) {
            return toIntArray(List.of(tuple));
        }
        if (sequence instanceof Ndarray array && array.elements() instanceof List<?> list) {
            return toIntArray(list);
        }
        throw new IllegalStateException("Expected a sequence of ints, found "
                + (sequence == null ? "None" : sequence.getClass().getSimpleName()));
    }

    /** {@code numpy.core.multiarray.scalar(dtype, bytes)}: a numpy integer inside a Python list. */
    private static Object scalar(Object[] args) {
        Dtype dtype = (Dtype) args[0];
        byte[] raw = args[1] instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) args[1];
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return switch (dtype.code()) {
            case "i8", "u8" -> buffer.getLong();
            case "i4" -> buffer.getInt();
            case "u4" -> Integer.toUnsignedLong(buffer.getInt());
            case "f8" -> buffer.getDouble();
            default -> throw new PickleException("unsupported numpy scalar dtype " + dtype.code());
        };
    }

    /** The state that {@code numpy.dtype.__setstate__} receives is not needed: the code says enough. */
    public static final class Dtype {
        private final String code;

        Dtype(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }

        public void __setstate__(Object[] state) {
            // (version, byte order, subarray, names, fields, elsize, alignment, flags): all implied by code
        }
    }

    /** A numpy array as pickled: {@code (version, shape, dtype, is_fortran, data)} arrives as its state. */
    public static final class Ndarray {
        private long[] shape = new long[0];
        private Object elements;

        long[] shape() {
            return shape;
        }

        /** A {@code List<Object>} for object arrays (the only kind these files hold). */
        Object elements() {
            return elements;
        }

        public void __setstate__(Object[] state) {
            Object[] dims = (Object[]) state[1];
            shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = ((Number) dims[i]).longValue();
            }
            elements = state[4];
        }
    }
}
