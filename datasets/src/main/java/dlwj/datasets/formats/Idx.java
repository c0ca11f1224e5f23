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

    /** Reads a gzipped IDX file of unsigned bytes. */
    public static NpyArray readGzipped(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UNSIGNED_BYTE) {
                throw new InvalidDataFileException(file.getFileName() + " is not an IDX file of unsigned bytes "
                        + "(magic 0x" + Integer.toHexString(magic) + ")");
            }
            long[] shape = new long[magic & 0xff];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Integer.toUnsignedLong(in.readInt());
            }
            long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            byte[] data = new byte[Math.toIntExact(size)];
            in.readFully(data);
            if (in.read() != -1) {
                throw new InvalidDataFileException(file.getFileName() + " has more data than its header declares");
            }
            return new NpyArray("uint8", shape, data);
        } catch (EOFException e) {
            throw new InvalidDataFileException(file.getFileName() + " is truncated", e);
        } catch (ZipException e) {
            throw new InvalidDataFileException(file.getFileName() + " is not valid gzip: " + e.getMessage(), e);
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
