package dlwj.keras.layers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major, contiguous array's memory read and written from Java as doubles, whatever its floating-point type
 * (float or double), in runs of elements counted from the array's first one. For element-wise work on a few
 * thousand numbers at a time, where each ND4J operation would cost a native call. One thread uses an instance
 * (its conversions share a scratch array); threads working on parts of one array each make their own.
 */
final class ArrayMemory {

    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final int offset;
    private final long length;
    private float[] scratch = new float[0];

    private ArrayMemory(INDArray array) {
        if (array.ordering() != 'c' || array.elementWiseStride() != 1 || array.data().length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ArrayMemory needs a row-major, contiguous array of fewer than 2^31 "
                    + "elements; given " + array.shapeInfoToString());
        }
        ByteBuffer bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        switch (array.dataType()) {
            case FLOAT -> {
                floats = bytes.asFloatBuffer();
                doubles = null;
            }
            case DOUBLE -> {
                floats = null;
                doubles = bytes.asDoubleBuffer();
            }
            default -> throw new IllegalArgumentException("ArrayMemory reads float or double arrays; given "
                    + array.dataType());
        }
        offset = (int) array.offset();
        length = array.length();
    }

    static ArrayMemory of(INDArray array) {
        return new ArrayMemory(array);
    }

    /** A float array's whole data buffer (the array's elements start at its {@code offset()}), in native order. */
    static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Copies {@code count} elements from element {@code from} into {@code into}, from its index {@code at}. */
    void read(long from, double[] into, int at, int count) {
        int position = position(from, count);
        if (doubles != null) {
            doubles.get(position, into, at, count);
            return;
        }
        float[] values = scratch(count);
        floats.get(position, values, 0, count);
        for (int i = 0; i < count; i++) {
            into[at + i] = values[i];
        }
    }

    /** Copies {@code count} elements of {@code from}, from its index {@code at}, to the array from element {@code to}. */
    void write(double[] from, int at, long to, int count) {
        int position = position(to, count);
        if (doubles != null) {
            doubles.put(position, from, at, count);
            return;
        }
        float[] values = scratch(count);
        for (int i = 0; i < count; i++) {
            values[i] = (float) from[at + i];
        }
        floats.put(position, values, 0, count);
    }

    private int position(long element, int count) {
        if (element < 0 || element + count > length) {
            throw new IndexOutOfBoundsException("elements " + element + " to " + (element + count) + " of "
                    + length);
        }
        return offset + (int) element;
    }

    private float[] scratch(int count) {
        if (scratch.length < count) {
            scratch = new float[count];
        }
        return scratch;
    }
}
