package dlwj.chapter02;

import static dlwj.training.NumpyNames.describe;
import static dlwj.training.NumpyNames.shape;

import dlwj.cli.Examples;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Book section 2.3, "The gears of neural networks: tensor operations": the book's naive element-wise,
 * broadcasting and dot-product functions, written element by element as the book writes them in Python,
 * each next to the ND4J call that does the same work in native code, with a check that the two agree and
 * how much faster the vectorised one is. Then broadcasting rules, reshaping and transposition.
 */
@Command(name = "TensorOperations", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Book 2.3: naive tensor operations against ND4J's vectorised ones; broadcasting, dot, reshape.")
public final class TensorOperations implements Callable<Integer> {

    public static void main(String[] args) {
        Examples.main(new TensorOperations(), args);
    }

    @Override
    public Integer call() {
        Nd4j.getRandom().setSeed(seed);
        // One batch of 2.1's hidden layer: 128 samples by 512 units
        INDArray x = Nd4j.rand(DataType.DOUBLE, 128, 512).subi(0.5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 128, 512).subi(0.5);
        INDArray bias = Nd4j.rand(DataType.DOUBLE, 512);

        // 2.3.1 Element-wise operations
        compare("naive_relu(x)", () -> naiveRelu(x), "np.maximum(x, 0.)", () -> Transforms.relu(x, true));
        compare("naive_add(x, y)", () -> naiveAdd(x, y), "x + y", () -> x.add(y));

        // 2.3.2 Broadcasting: the vector is repeated along the new (rows) axis, without copying it
        compare("naive_add_matrix_and_vector(x, bias)", () -> naiveAddMatrixAndVector(x, bias),
                "x + bias", () -> x.add(bias));
        INDArray big = Nd4j.rand(DataType.DOUBLE, 64, 3, 32, 10);
        INDArray small = Nd4j.rand(DataType.DOUBLE, 32, 10);
        System.out.println("np.maximum(x, y) of shapes " + shape(big.shape()) + " and " + shape(small.shape())
                + ": " + describe(Transforms.max(big, small)));

        // 2.3.3 Tensor dot: vector . vector is a number, matrix . vector a vector, matrix . matrix a matrix
        INDArray u = Nd4j.rand(DataType.DOUBLE, 512);
        INDArray v = Nd4j.rand(DataType.DOUBLE, 512);
        INDArray matrix = Nd4j.rand(DataType.DOUBLE, 64, 512);
        INDArray other = Nd4j.rand(DataType.DOUBLE, 512, 64);
        compare("naive_vector_dot(u, v)", () -> Nd4j.scalar(naiveVectorDot(u, v)),
                "np.dot(u, v)", () -> Nd4j.scalar(Nd4j.getBlasWrapper().dot(u, v)));
        compare("naive_matrix_vector_dot(m, v)", () -> naiveMatrixVectorDot(matrix, v), "np.dot(m, v)",
                () -> matrix.mmul(v));
        compare("naive_matrix_dot(m, n)", () -> naiveMatrixDot(matrix, other), "np.dot(m, n)",
                () -> matrix.mmul(other));

        // 2.3.4 Tensor reshaping: the same values, rearranged in row-major (C) order, as numpy does
        INDArray z = Nd4j.createFromArray(new double[][] {{0, 1}, {2, 3}, {4, 5}});
        System.out.println("\nx = " + values(z) + ": " + describe(z));
        System.out.println("x.reshape((6, 1)) = " + values(z.reshape(6, 1)));
        System.out.println("x.reshape((2, 3)) = " + values(z.reshape(2, 3)));
        System.out.println("np.transpose(np.zeros((300, 20))).shape = "
                + shape(Nd4j.zeros(300, 20).transpose().shape()));
        System.out.println("train_images.reshape((60000, 28 * 28)).shape = "
                + shape(Nd4j.zeros(DataType.UBYTE, 60000, 28, 28).reshape(60000, 28 * 28).shape()));
        return 0;
    }

    private static String values(INDArray matrix) {
        return Arrays.deepToString(matrix.toDoubleMatrix());
    }

    /** Runs both, checks they agree, and prints their times. */
    private void compare(String naiveName, Supplier<INDArray> naive, String vectorisedName,
            Supplier<INDArray> vectorised) {
        INDArray expected = naive.get();
        INDArray actual = vectorised.get();
        double difference = Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
        double naiveMs = millisecondsPerRun(naive);
        double vectorisedMs = millisecondsPerRun(vectorised);
        System.out.printf("%-38s %s: %s, largest difference %.1e; %9.3f ms vs %7.3f ms (%,.0fx faster)%n",
                naiveName, vectorisedName, difference < 1e-9 ? "equal" : "DIFFERENT", difference,
                naiveMs, vectorisedMs, naiveMs / vectorisedMs);
    }

    private double millisecondsPerRun(Supplier<INDArray> operation) {
        operation.get();
        int runs = quick ? 2 : repeats;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            operation.get();
        }
        return (System.nanoTime() - start) / 1e6 / runs;
    }

    /** {@code naive_relu}: x is a 2D tensor. */
    static INDArray naiveRelu(INDArray x) {
        INDArray result = x.dup();
        for (int i = 0; i < result.rows(); i++) {
            for (int j = 0; j < result.columns(); j++) {
                result.putScalar(i, j, Math.max(result.getDouble(i, j), 0));
            }
        }
        return result;
    }

    /** {@code naive_add}: x and y are 2D tensors of the same shape. */
    static INDArray naiveAdd(INDArray x, INDArray y) {
        INDArray result = x.dup();
        for (int i = 0; i < result.rows(); i++) {
            for (int j = 0; j < result.columns(); j++) {
                result.putScalar(i, j, result.getDouble(i, j) + y.getDouble(i, j));
            }
        }
        return result;
    }

    /** {@code naive_add_matrix_and_vector}: x is a 2D tensor, y a vector as long as x's rows. */
    static INDArray naiveAddMatrixAndVector(INDArray x, INDArray y) {
        if (y.rank() != 1 || x.columns() != y.length()) {
            throw new IllegalArgumentException("needs a matrix and a vector as long as its rows, got "
                    + shape(x.shape()) + " and " + shape(y.shape()));
        }
        INDArray result = x.dup();
        for (int i = 0; i < result.rows(); i++) {
            for (int j = 0; j < result.columns(); j++) {
                result.putScalar(i, j, result.getDouble(i, j) + y.getDouble(j));
            }
        }
        return result;
    }

    /** {@code naive_vector_dot}: x and y are vectors of the same length. */
    static double naiveVectorDot(INDArray x, INDArray y) {
        if (x.rank() != 1 || y.rank() != 1 || x.length() != y.length()) {
            throw new IllegalArgumentException("needs two vectors of the same length, got "
                    + shape(x.shape()) + " and " + shape(y.shape()));
        }
        double z = 0;
        for (int i = 0; i < x.length(); i++) {
            z += x.getDouble(i) * y.getDouble(i);
        }
        return z;
    }

    /** {@code naive_matrix_vector_dot}: row i of the result is the dot product of x's row i and y. */
    static INDArray naiveMatrixVectorDot(INDArray x, INDArray y) {
        INDArray z = Nd4j.zeros(x.dataType(), x.rows());
        for (int i = 0; i < x.rows(); i++) {
            z.putScalar(i, naiveVectorDot(x.getRow(i), y));
        }
        return z;
    }

    /** {@code naive_matrix_dot}: element (i, j) is the dot product of x's row i and y's column j. */
    static INDArray naiveMatrixDot(INDArray x, INDArray y) {
        if (x.rank() != 2 || y.rank() != 2 || x.columns() != y.rows()) {
            throw new IllegalArgumentException("x.shape[1] must equal y.shape[0], got "
                    + shape(x.shape()) + " and " + shape(y.shape()));
        }
        INDArray z = Nd4j.zeros(x.dataType(), x.rows(), y.columns());
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < y.columns(); j++) {
                z.putScalar(i, j, naiveVectorDot(x.getRow(i), y.getColumn(j)));
            }
        }
        return z;
    }

    // The command line: the random inputs' seed and how often each operation is timed

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the random inputs.")
    long seed;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "20",
            description = "Times each operation runs for its timing (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--quick", description = "Time each operation over 2 runs instead of --repeats.")
    boolean quick;
}
