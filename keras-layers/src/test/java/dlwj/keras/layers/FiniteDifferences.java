package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks a layer's backprop (double precision) against central finite differences of the scalar
 * {@code sum(output * weights)}, whose gradient with respect to the output is {@code weights}: every parameter's
 * gradient and every input's, to 1e-7. ND4J's random generator is seeded the same before each pass, so a layer
 * drawing dropout masks draws the same ones in every pass.
 */
final class FiniteDifferences {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();
    private static final double H = 1e-6;

    private FiniteDifferences() {
    }

    static void assertGradients(Layer layer, INDArray x, INDArray weights, boolean training, String what) {
        loss(layer, x, weights, training);
        var backprop = layer.backpropGradient(weights.dup(), NO_WORKSPACES);
        INDArray parameterGradient = layer.getGradientsViewArray().dup();
        double[] inputGradient = backprop.getSecond().dup('c').data().asDouble();

        INDArray params = layer.params();
        for (long i = 0; i < params.length(); i++) {
            double original = params.getDouble(i);
            params.putScalar(i, original + H);
            double plus = loss(layer, x, weights, training);
            params.putScalar(i, original - H);
            double minus = loss(layer, x, weights, training);
            params.putScalar(i, original);
            assertEquals((plus - minus) / (2 * H), parameterGradient.getDouble(i), 1e-7,
                    "parameter " + i + ", " + what);
        }
        for (long i = 0; i < x.length(); i++) {
            INDArray shifted = x.dup();
            shifted.putScalar(i, x.getDouble(i) + H);
            double plus = loss(layer, shifted, weights, training);
            shifted.putScalar(i, x.getDouble(i) - H);
            double minus = loss(layer, shifted, weights, training);
            assertEquals((plus - minus) / (2 * H), inputGradient[(int) i], 1e-7, "input " + i + ", " + what);
        }
    }

    private static double loss(Layer layer, INDArray x, INDArray weights, boolean training) {
        layer.setInput(x, NO_WORKSPACES);
        Nd4j.getRandom().setSeed(5);
        return layer.activate(training, NO_WORKSPACES).mul(weights).sumNumber().doubleValue();
    }
}
