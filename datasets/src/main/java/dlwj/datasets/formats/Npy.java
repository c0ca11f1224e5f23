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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numpy's {@code .npy} format (versions 1 to 3): a magic string, a header that is a Python dict
 * literal ({@code descr}, {@code fortran_order}, {@code shape}), then the data, or for {@code object}
 * arrays a pickle of the whole array.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Reads one array; {@code name} is only used in error messages. */
    public static NpyArray read(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidDataFileException(name + " is not a .npy array (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength = major == 1
                    ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            String header = new String(in.readNBytes(headerLength),
                    major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = field(DESCR, header, name);
            if ("True".equals(field(FORTRAN, header, name))) {
                throw new InvalidDataFileException(name + ": Fortran-ordered arrays are not supported");
            }
            long[] shape = parseShape(field(SHAPE, header, name));
            return new NpyArray(dtypeName(descr, name), shape, readData(in, descr, shape, name));
        } catch (EOFException e) {
            throw new InvalidDataFileException(name + " is truncated", e);
        }
    }

    private static String field(Pattern pattern, String header, String name) throws InvalidDataFileException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new InvalidDataFileException(name + ": malformed .npy header " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String shape) {
        return Arrays.stream(shape.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToLong(s -> Long.parseLong(s.replace("L", "")))
                .toArray();
    }

    private static String dtypeName(String descr, String name) throws InvalidDataFileException {
        return switch (descr.substring(1)) {
            case "u1" -> "uint8";
            case "i1" -> "int8";
            case "b1" -> "bool";
            case "i4" -> "int32";
            case "i8" -> "int64";
            case "f4" -> "float32";
            case "f8" -> "float64";
            case "O" -> "object";
            default -> throw new InvalidDataFileException(name + ": unsupported dtype " + descr);
        };
    }

    private static Object readData(DataInputStream in, String descr, long[] shape, String name) throws IOException {
        if (descr.endsWith("O")) {
            NumpyPickle.Ndarray array = NumpyPickle.load(in, name);
            if (!Arrays.equals(array.shape(), shape)) {
                throw new InvalidDataFileException(name + ": the pickled array has shape "
                        + Arrays.toString(array.shape()) + ", the header says " + Arrays.toString(shape));
            }
            return array.elements();
        }
        if (descr.charAt(0) == '>') {
            throw new InvalidDataFileException(name + ": big-endian arrays are not supported");
        }
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int width = Integer.parseInt(descr.substring(2));
        if (count * width > Integer.MAX_VALUE - 8) {
            throw new InvalidDataFileException(name + " is too large to read into one Java array");
        }
        byte[] raw = new byte[(int) (count * width)];
        in.readFully(raw);
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        return switch (descr.substring(1)) {
            case "u1", "i1", "b1" -> raw;
            case "i4" -> {
                int[] values = new int[n];
                buffer.asIntBuffer().get(values);
                yield values;
            }
            case "i8" -> {
                long[] values = new long[n];
                buffer.asLongBuffer().get(values);
                yield values;
            }
            case "f4" -> {
                float[] values = new float[n];
                buffer.asFloatBuffer().get(values);
                yield values;
            }
            case "f8" -> {
                double[] values = new double[n];
                buffer.asDoubleBuffer().get(values);
                yield values;
            }
            default -> throw new InvalidDataFileException(name + ": unsupported dtype " + descr);
        };
    }
}
