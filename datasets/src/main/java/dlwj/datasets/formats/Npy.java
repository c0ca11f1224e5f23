package dlwj.datasets.formats;

import dlwj.datasets.files.InvalidDataFileException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads numpy's {@code .npy} format (versions 1 to 3): a magic string, a header that is a Python dict
 * literal ({@code descr}, {@code fortran_order}, {@code shape}), then the data, or for {@code object}
 * arrays a pickle of the whole array. Every header field is checked, and the size it declares compared
 * with the bytes the file holds, before any array is allocated: a damaged file is an
 * {@link InvalidDataFileException} that says what is wrong, never an allocation of what its header claims.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /**
     * How many times smaller than its data a compressed array (an npz entry, a gzipped IDX file) may be: the
     * book's data compresses 2 to 10 times, while a file that claims more would have its reader allocate far
     * more than the bytes it holds.
     */
    public static final int MAX_COMPRESSION = 100;

    /** The most that {@code compressed} bytes may hold: {@link #MAX_COMPRESSION} times as many, and 1 MB. */
    public static long maxInflated(long compressed) {
        return MAX_COMPRESSION * Math.max(compressed, 0) + (1 << 20);
    }

    /** numpy's own limit ({@code np.load(max_header_size=10000)}): a longer header is damage, not data. */
    private static final int MAX_HEADER_LENGTH = 10_000;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*(\\([^)]*\\))");
    /** A tuple of dimensions as Python writes it: {@code ()}, {@code (3,)}, {@code (3, 4)}; {@code 3L} in Python 2. */
    private static final Pattern DIMENSIONS = Pattern.compile("\\(\\s*(\\d{1,18}L?\\s*(,\\s*\\d{1,18}L?\\s*)*,?\\s*)?\\)");

    /** The element types this reader knows, by numpy's type code (without the byte-order character). */
    private enum Dtype {
        UINT8("u1", "uint8", 1), INT8("i1", "int8", 1), BOOL("b1", "bool", 1), INT32("i4", "int32", 4),
        INT64("i8", "int64", 8), FLOAT32("f4", "float32", 4), FLOAT64("f8", "float64", 8), OBJECT("O", "object", 0);

        final String code;
        final String numpyName;
        final int itemSize;

        Dtype(String code, String numpyName, int itemSize) {
            this.code = code;
            this.numpyName = numpyName;
            this.itemSize = itemSize;
        }
    }

    /**
     * A checked header: the element type, the shape and the number of elements it declares, and the
     * bytes that follow it in the file (the data, or the pickle of an object array).
     */
    record Header(Dtype dtype, long[] shape, long count, long dataLength) {
    }

    private Npy() {
    }

    /**
     * Reads one array of {@code length} bytes in all (the file's or the npz entry's size); {@code name} is
     * only used in error messages.
     */
    public static NpyArray read(InputStream stream, long length, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        Header header = header(in, length, name);
        return new NpyArray(name, header.dtype().numpyName, header.shape(), readData(in, header, name));
    }

    /**
     * Reads and checks the header, leaving {@code in} at the data: the magic string, a known version, a
     * header within the file, a dtype this reader knows, C order, a shape of non-negative integers, and,
     * for numeric arrays, no more data declared than the {@code length} bytes of the file hold.
     */
    static Header header(DataInputStream in, long length, String name) throws IOException {
        try {
            return checkedHeader(in, length, name);
        } catch (EOFException e) {
            throw new InvalidDataFileException(name + " is truncated: it ends inside its header", e);
        }
    }

    private static Header checkedHeader(DataInputStream in, long length, String name) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidDataFileException(name + " is not a .npy array (it does not start with numpy's magic "
                    + "string \\x93NUMPY)");
        }
        int major = in.readUnsignedByte();
        int minor = in.readUnsignedByte();
        if (major < 1 || major > 3 || minor != 0) {
            throw new InvalidDataFileException(name + " is in .npy format version " + major + "." + minor
                    + ", which this reader does not know (it reads 1.0, 2.0 and 3.0)");
        }
        long headerLength = major == 1
                ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                : Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new InvalidDataFileException(String.format(Locale.ROOT, "%s's header claims %s, more than the %,d "
                    + "numpy itself reads (damaged file)", name, bytes(headerLength), MAX_HEADER_LENGTH));
        }
        long dataOffset = MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength;
        if (dataOffset > length) {
            throw new InvalidDataFileException(name + "'s header claims " + bytes(headerLength) + " but the array "
                    + "holds " + bytes(length) + " in all (truncated or damaged file)");
        }
        String header = new String(in.readNBytes((int) headerLength),
                major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        if (!header.startsWith("{") || !header.endsWith("}")) {
            throw new InvalidDataFileException(name + "'s header is not a Python dict: " + header);
        }
        Dtype dtype = dtype(field(DESCR, header, "descr", name), name);
        if ("True".equals(field(FORTRAN, header, "fortran_order", name))) {
            throw new InvalidDataFileException(name + " is in Fortran order, which this reader does not support");
        }
        long[] shape = shape(field(SHAPE, header, "shape", name), name);
        long count = count(shape, dtype, name);
        long dataLength = length - dataOffset;
        if (dtype != Dtype.OBJECT && count * dtype.itemSize > dataLength) {
            throw new InvalidDataFileException(String.format(Locale.ROOT,
                    "%s claims %,d elements of %d bytes but holds %s (truncated or damaged file)",
                    name, count, dtype.itemSize, bytes(dataLength)));
        }
        return new Header(dtype, shape, count, dataLength);
    }

    private static String field(Pattern pattern, String header, String key, String name)
            throws InvalidDataFileException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new InvalidDataFileException(name + "'s header has no valid '" + key + "': " + header);
        }
        return m.group(1);
    }

    private static Dtype dtype(String descr, String name) throws InvalidDataFileException {
        if (descr.startsWith(">")) {
            throw new InvalidDataFileException(name + " is big-endian (dtype '" + descr + "'), which this reader "
                    + "does not support");
        }
        for (Dtype dtype : Dtype.values()) {
            if (descr.equals("<" + dtype.code) || dtype.itemSize <= 1 && descr.equals("|" + dtype.code)) {
                return dtype;
            }
        }
        throw new InvalidDataFileException(name + " has dtype '" + descr + "', which this reader does not support "
                + "(it reads " + Arrays.stream(Dtype.values()).map(d -> d.numpyName).collect(Collectors.joining(", "))
                + ")");
    }

    private static long[] shape(String tuple, String name) throws InvalidDataFileException {
        if (!DIMENSIONS.matcher(tuple).matches()) {
            throw new InvalidDataFileException(name + "'s shape " + tuple + " is not a tuple of non-negative integers");
        }
        return Arrays.stream(tuple.substring(1, tuple.length() - 1).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .mapToLong(s -> Long.parseLong(s.replace("L", ""))) // at most 18 digits: the pattern says so
                .toArray();
    }

    /** The number of elements, when it and their size in bytes fit in a long. */
    private static long count(long[] shape, Dtype dtype, String name) throws InvalidDataFileException {
        try {
            long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            Math.multiplyExact(count, Math.max(dtype.itemSize, 1));
            return count;
        } catch (ArithmeticException e) {
            throw new InvalidDataFileException(name + "'s shape " + Arrays.toString(shape)
                    + " has more elements than any file can hold (damaged header)", e);
        }
    }

    private static Object readData(DataInputStream in, Header header, String name) throws IOException {
        int n = (int) header.count(); // checked by data() for numeric arrays, by the pickle for object arrays
        return switch (header.dtype()) {
            case OBJECT -> objects(in, header, name);
            case UINT8, INT8, BOOL -> data(in, header, name).array();
            case INT32 -> {
                int[] values = new int[n];
                data(in, header, name).asIntBuffer().get(values);
                yield values;
            }
            case INT64 -> {
                long[] values = new long[n];
                data(in, header, name).asLongBuffer().get(values);
                yield values;
            }
            case FLOAT32 -> {
                float[] values = new float[n];
                data(in, header, name).asFloatBuffer().get(values);
                yield values;
            }
            case FLOAT64 -> {
                double[] values = new double[n];
                data(in, header, name).asDoubleBuffer().get(values);
                yield values;
            }
        };
    }

    /** The pickled elements of an object array, as many as the header declares. */
    private static List<Object> objects(DataInputStream in, Header header, String name) throws IOException {
        NumpyPickle.Ndarray array = NumpyPickle.load(in, header.dataLength(), name);
        if (!Arrays.equals(array.shape(), header.shape()) || array.elements().size() != header.count()) {
            throw new InvalidDataFileException(name + ": the pickled array has shape " + Arrays.toString(array.shape())
                    + " and " + array.elements().size() + " elements, the header says " + Arrays.toString(header.shape()));
        }
        return array.elements();
    }

    /** The raw little-endian data of a numeric array, read only as far as the stream holds it. */
    private static ByteBuffer data(DataInputStream in, Header header, String name) throws IOException {
        long length = header.count() * header.dtype().itemSize;
        if (length > Integer.MAX_VALUE - 8) {
            throw new InvalidDataFileException(name + " holds " + bytes(length) + ", more than one Java array can hold");
        }
        byte[] raw = in.readNBytes((int) length); // grows with the bytes read, not with the length asked for
        if (raw.length < length) {
            throw new InvalidDataFileException(name + " is truncated: it ends after " + bytes(raw.length) + " of its "
                    + bytes(length) + " of data");
        }
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String bytes(long count) {
        return String.format(Locale.ROOT, "%,d bytes", count);
    }
}
