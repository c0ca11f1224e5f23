package dlwj.training;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shapes and data types written the way numpy prints them, so what an example prints reads like the book:
 * {@code (60000, 28, 28)} and {@code uint8} rather than {@code [60000, 28, 28]} and {@code UBYTE}.
 */
public final class NumpyNames {

    private NumpyNames() {
    }

    /** A shape as a numpy tuple: {@code ()}, {@code (4,)}, {@code (3, 5)}. */
    public static String shape(long... shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** An ND4J data type by its numpy name: {@code LONG} is {@code int64}, {@code UBYTE} is {@code uint8}. */
    public static String dtype(DataType type) {
        return switch (type) {
            case DOUBLE -> "float64";
            case FLOAT -> "float32";
            case HALF -> "float16";
            case LONG -> "int64";
            case INT -> "int32";
            case SHORT -> "int16";
            case BYTE -> "int8";
            case UBYTE -> "uint8";
            case UINT16 -> "uint16";
            case UINT32 -> "uint32";
            case UINT64 -> "uint64";
            case BOOL -> "bool";
            default -> type.name().toLowerCase();
        };
    }

    /** {@code ndim=3 shape=(60000, 28, 28) dtype=uint8}: what the book prints of a tensor. */
    public static String describe(INDArray array) {
        return "ndim=" + array.rank() + " shape=" + shape(array.shape()) + " dtype=" + dtype(array.dataType());
    }
}
