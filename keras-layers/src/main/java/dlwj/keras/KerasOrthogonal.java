package dlwj.keras;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code Orthogonal()} initialiser (gain 1) for a weight matrix of the shape (rows, columns): the rows
 * orthonormal if there are no more rows than columns (a recurrent kernel [units, k units]), else the columns.
 * Keras takes the SVD of a normal random matrix of that shape; this orthonormalises its rows (columns) by
 * Gram-Schmidt, which gives an orthonormal frame with the same, uniform, distribution (that of QR with positive
 * diagonal). DL4J M2.1 has {@code OrthogonalDistribution} for this, but its SVD does not return on a
 * [16, 48] double matrix (it ran for 20 minutes of CPU in this project's test before being stopped).
 */
public class KerasOrthogonal implements IWeightInit {

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("KerasOrthogonal initialises matrices; shape given: "
                    + java.util.Arrays.toString(shape));
        }
        boolean rows = shape[0] <= shape[1];
        int vectors = Math.toIntExact(rows ? shape[0] : shape[1]);
        int length = Math.toIntExact(rows ? shape[1] : shape[0]);
        double[][] basis = Nd4j.randn(DataType.DOUBLE, vectors, length).toDoubleMatrix();
        for (int i = 0; i < vectors; i++) {
            double[] v = basis[i];
            for (int j = 0; j < i; j++) { // modified Gram-Schmidt, twice for accuracy
                subtractProjection(v, basis[j]);
                subtractProjection(v, basis[j]);
            }
            double norm = Math.sqrt(dot(v, v));
            for (int k = 0; k < length; k++) {
                v[k] /= norm;
            }
        }
        INDArray orthonormal = Nd4j.createFromArray(basis);
        INDArray weights = paramView.reshape(order, shape);
        weights.assign(rows ? orthonormal : orthonormal.transpose());
        return weights;
    }

    private static void subtractProjection(double[] v, double[] unit) {
        double projection = dot(v, unit);
        for (int k = 0; k < v.length; k++) {
            v[k] -= projection * unit[k];
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasOrthogonal;
    }

    @Override
    public int hashCode() {
        return KerasOrthogonal.class.hashCode();
    }

    @Override
    public String toString() {
        return "KerasOrthogonal()";
    }
}
