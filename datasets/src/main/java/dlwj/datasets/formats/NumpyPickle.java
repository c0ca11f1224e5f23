package dlwj.datasets.formats;

import dlwj.datasets.files.InvalidDataFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the numpy object arrays that {@code np.save} writes for {@code dtype=object}: Keras'
 * {@code imdb.npz} and {@code reuters.npz} hold the ragged word-index sequences this way; and the pickled dicts
 * of CIFAR-10's batches, which hold a {@code uint8} array and a list of labels. The pickle
 * calls {@code numpy.core.multiarray._reconstruct} and {@code numpy.dtype}, then sets their state; this
 * class gives the pickle library Java stand-ins for those two (and for numpy scalars inside lists), which
 * check what they are given. Nothing else in the pickle is executed.
 */
public final class NumpyPickle {

    static {
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", args -> new Ndarray());
            Unpickler.registerConstructor(module, "scalar", NumpyPickle::scalar);
        }
        Unpickler.registerConstructor("numpy", "dtype", args -> {
            if (args.length == 0 || !(args[0] instanceof String code)) {
                throw new PickleException("numpy.dtype is called without a type code");
            }
            return new Dtype(code);
        });
    }

    private NumpyPickle() {
    }

    /** Unpickles one numpy array from {@code in}, whose pickle is {@code length} bytes long at most. */
    static Ndarray load(InputStream in, long length, String name) throws IOException {
        Object value = unpickle(in, length, name, "the object array");
        if (!(value instanceof Ndarray array)) {
            throw new InvalidDataFileException(name + ": the pickle holds " + describe(value) + ", not a numpy array");
        }
        return array;
    }

    /**
     * The dict pickled in {@code file}, its keys as text (Python 2's {@code str} or Python 3's {@code bytes}, as
     * {@code pickle.load(f, encoding='bytes')} and a {@code decode('utf8')} of each key give them); numpy arrays in
     * it are {@link Ndarray}s.
     */
    public static Map<String, Object> loadDict(Path file) throws IOException {
        String name = file.getFileName().toString();
        Object value;
        try (InputStream in = Files.newInputStream(file)) {
            value = unpickle(in, Files.size(file), name, "the file");
        }
        if (!(value instanceof Map<?, ?> dict)) {
            throw new InvalidDataFileException(name + ": the pickle holds " + describe(value) + ", not a dict");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : dict.entrySet()) {
            Object key = entry.getKey();
            String text = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : key instanceof String string ? string : null;
            if (text == null) {
                throw new InvalidDataFileException(name + ": the pickled dict has the key " + describe(key)
                        + ", not a string");
            }
            entries.put(text, entry.getValue());
        }
        return entries;
    }

    private static Object unpickle(InputStream in, long length, String name, String what) throws IOException {
        try {
            return new BoundedUnpickler(length).load(new BufferedInputStream(in));
        } catch (PickleException e) {
            throw new InvalidDataFileException(name + ": cannot unpickle " + what + ": " + reason(e), e);
        } catch (IOException | RuntimeException e) {
            // the pickle library reports a malformed stream with assorted exceptions (stack underflow, casts)
            throw new InvalidDataFileException(name + ": " + what + "'s pickle is damaged (" + reason(e) + ")", e);
        }
    }

    /** What went wrong, from the innermost exception that says it (ours, wrapped by the library's reflection). */
    private static String reason(Throwable e) {
        String reason = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        return reason;
    }

    /**
     * One sequence of word indices, from a Python list or tuple of ints or an integer numpy array;
     * {@code where} names it in error messages ({@code imdb.npz: x_train.npy element 3}).
     */
    static int[] toIntArray(Object sequence, String where) throws InvalidDataFileException {
        List<?> list = sequence instanceof List<?> l ? l
                : sequence instanceof Object[] tuple ? List.of(tuple)
                : sequence instanceof Ndarray array ? array.elements()
                : null;
        if (list == null) {
            throw new InvalidDataFileException(where + " is " + describe(sequence) + ", not a list of word indices");
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = list.get(i);
            boolean integer = value instanceof Integer || value instanceof Long; // not BigInteger: beyond 64 bits
            if (!integer || ((Number) value).longValue() < 0 || ((Number) value).longValue() > Integer.MAX_VALUE) {
                throw new InvalidDataFileException(where + " holds " + describe(value) + " at position " + i
                        + ", not a word index (a non-negative int)");
            }
            values[i] = ((Number) value).intValue();
        }
        return values;
    }

    /** A pickled value in Python's words, for error messages. */
    static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String s) {
            return "the string '" + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "'";
        }
        if (value instanceof Double || value instanceof Float) {
            return "the float " + value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?>) {
            return "a dict";
        }
        if (value instanceof Ndarray) {
            return "a numpy array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** {@code numpy.core.multiarray.scalar(dtype, bytes)}: a numpy integer inside a Python list. */
    private static Object scalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof Dtype dtype)) {
            throw new PickleException("a numpy scalar without its dtype");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes(args[1])).order(ByteOrder.LITTLE_ENDIAN);
        int size = switch (dtype.code()) {
            case "i8", "u8", "f8" -> 8;
            case "i4", "u4" -> 4;
            default -> throw new PickleException("unsupported numpy scalar dtype " + dtype.code());
        };
        if (buffer.remaining() != size) {
            throw new PickleException("a numpy " + dtype.code() + " scalar of " + buffer.remaining() + " bytes");
        }
        return switch (dtype.code()) {
            case "i8", "u8" -> buffer.getLong();
            case "i4" -> buffer.getInt();
            case "u4" -> Integer.toUnsignedLong(buffer.getInt());
            default -> buffer.getDouble();
        };
    }

    /** Raw bytes as the pickle carries them: {@code bytes}, or a Python 2 {@code str} (latin-1). */
    private static byte[] bytes(Object raw) {
        if (raw instanceof byte[] bytes) {
            return bytes;
        }
        if (raw instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException("numpy data that is " + describe(raw) + ", not bytes");
    }

    /**
     * The pickle library allocates a string or bytes of the length its prefix claims before reading them;
     * this refuses any claim longer than the whole pickle, so a damaged length fails here, not in an
     * {@code OutOfMemoryError}.
     */
    private static final class BoundedUnpickler extends Unpickler {
        /** The opcodes followed by a 4- or 8-byte length (BINSTRING, BINUNICODE, BINBYTES, LONG4, and the 8s). */
        private static final Map<Short, Integer> LENGTH_BYTES = Map.of((short) 'T', 4, (short) 'X', 4,
                (short) 'B', 4, (short) 0x8b, 4, (short) 0x8d, 8, (short) 0x8e, 8, (short) 0x96, 8);

        private final long limit;

        BoundedUnpickler(long limit) {
            this.limit = limit;
        }

        @Override
        protected Object dispatch(short key) throws IOException {
            Integer size = LENGTH_BYTES.get(key);
            if (size != null) {
                input.mark(size);
                ByteBuffer prefix = ByteBuffer.wrap(input.readNBytes(size)).order(ByteOrder.LITTLE_ENDIAN);
                input.reset();
                if (prefix.remaining() < size) {
                    throw new PickleException("the pickle ends inside a length");
                }
                long length = size == 4 ? Integer.toUnsignedLong(prefix.getInt()) : prefix.getLong();
                if (length < 0 || length > limit) {
                    throw new PickleException("an item claims " + Long.toUnsignedString(length)
                            + " bytes but the whole pickle has " + limit);
                }
            }
            return super.dispatch(key);
        }
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
        private List<Object> elements = List.of();
        private byte[] uint8;

        public long[] shape() {
            return shape.clone();
        }

        /** The elements: those of an object array, or the values of an integer array, as Longs. */
        List<Object> elements() {
            return elements;
        }

        /** The values of a {@code uint8} array in C order, as they were pickled; {@code null} for another dtype. */
        public byte[] uint8() {
            return uint8;
        }

        public void __setstate__(Object[] state) {
            if (state.length != 5 || !(state[1] instanceof Object[] dims) || !(state[2] instanceof Dtype dtype)) {
                throw new PickleException("a numpy array whose state is not (version, shape, dtype, order, data)");
            }
            shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                if (!(dims[i] instanceof Number dim) || dim.longValue() < 0) {
                    throw new PickleException("a numpy array of shape " + List.of(dims));
                }
                shape[i] = dim.longValue();
            }
            long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (dtype.code().equals("u1")) {
                if (Boolean.TRUE.equals(state[3])) {
                    throw new PickleException("a numpy uint8 array in Fortran order");
                }
                uint8 = bytes(state[4]);
                if (uint8.length != count) {
                    throw new PickleException("a numpy uint8 array of shape " + Arrays.toString(shape) + " holds "
                            + uint8.length + " bytes");
                }
                return;
            }
            elements = state[4] instanceof List<?> list ? new ArrayList<>(list) : integers(dtype, bytes(state[4]));
        }

        /** The values of a pickled int32 or int64 array (a sequence stored as a numpy array), as Longs. */
        private static List<Object> integers(Dtype dtype, byte[] raw) {
            int size = switch (dtype.code()) {
                case "i8" -> 8;
                case "i4" -> 4;
                default -> throw new PickleException("a numpy array of dtype " + dtype.code() + ", not of ints");
            };
            if (raw.length % size != 0) {
                throw new PickleException("a numpy " + dtype.code() + " array of " + raw.length + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            List<Object> values = new ArrayList<>();
            while (buffer.hasRemaining()) {
                values.add(size == 8 ? buffer.getLong() : (long) buffer.getInt());
            }
            return values;
        }
    }
}
