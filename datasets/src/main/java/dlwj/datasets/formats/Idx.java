package dlwj.datasets.formats;

import dlwj.datasets.files.FileValidator;
import dlwj.datasets.files.InvalidDataFileException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, gzipped: a magic number whose third byte is the
 * element type ({@code 0x08}, unsigned byte) and fourth the number of dimensions, the dimensions as
 * big-endian ints, then the data.
 */
public final class Idx {

    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /**
     * Reads a gzipped IDX file of unsigned bytes. The data is read only as far as the file holds it, so a
     * header that claims more than the file holds fails as a truncated file, not as an allocation of what
     * it claims.
     */
    public static NpyArray readGzipped(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE || (magic & 0xff) == 0) {
                throw new InvalidDataFileException(name + " is not an IDX file of unsigned bytes "
                        + "(magic 0x" + Integer.toHexString(magic) + ")");
            }
            long[] shape = new long[magic & 0xff];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Integer.toUnsignedLong(in.readInt());
            }
            long size = 1;
            for (long dim : shape) {
                size *= dim; // below 2^31 times below 2^32: no overflow before the check
                if (size > Integer.MAX_VALUE - 8) {
                    throw new InvalidDataFileException(name + "'s dimensions " + Arrays.toString(shape)
                            + " declare more bytes than one Java array can hold (damaged header)");
                }
            }
            long compressed = Files.size(file);
            if (size > Npy.maxInflated(compressed)) {
                throw new InvalidDataFileException(String.format(Locale.ROOT, "%s's dimensions %s declare %,d bytes, "
                        + "more than %d times its %,d compressed bytes (damaged header)", name, Arrays.toString(shape),
                        size, Npy.MAX_COMPRESSION, compressed));
            }
            byte[] data = in.readNBytes((int) size); // grows with the bytes read, not with the size declared
            if (data.length < size) {
                throw new InvalidDataFileException(String.format(Locale.ROOT, "%s is truncated: its dimensions %s "
                        + "declare %,d bytes but it holds %,d", name, Arrays.toString(shape), size, data.length));
            }
            if (in.read() != -1) {
                throw new InvalidDataFileException(name + " has more data than its header declares");
            }
            return new NpyArray(name, "uint8", shape, data);
        } catch (EOFException e) {
            throw new InvalidDataFileException(name + " is truncated: it ends before the data its header declares", e);
        } catch (ZipException e) {
            throw new InvalidDataFileException(name + " is not valid gzip: " + e.getMessage(), e);
        }
    }

    /** The structural check: a complete gzipped IDX file of unsigned bytes with {@code count} items. */
    public static FileValidator holding(long count) {
        return file -> {
            long[] shape = readGzipped(file).shape();
            if (shape.length == 0 || shape[0] != count) {
                throw new InvalidDataFileException(file.getFileName() + " holds " + Arrays.toString(shape)
                        + ", expected " + count + " items");
            }
        };
    }
}
