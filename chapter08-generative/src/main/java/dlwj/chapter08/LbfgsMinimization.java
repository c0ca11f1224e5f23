package dlwj.chapter08;

import com.github.lbfgs4j.liblbfgs.Lbfgs;
import com.github.lbfgs4j.liblbfgs.LbfgsConstant;
import com.github.lbfgs4j.liblbfgs.MutableDouble;
import java.util.function.ToDoubleBiFunction;

/**
 * SciPy's {@code fmin_l_bfgs_b(func, x0, fprime, maxfun)} as the notebook of section 8.3 calls it, on lbfgs4j (a Java
 * port of Nocedal's and Okazaki's liblbfgs): unbounded L-BFGS, keeping SciPy's 10 corrections, from {@code x0}, until
 * it converges or has evaluated the function {@code maxEvaluations} times (counting the line searches'
 * evaluations, as SciPy's {@code maxfun}); each call starts afresh, as each of the notebook's calls does. As SciPy's,
 * a line search that fails ends the call at the best point reached.
 */
final class LbfgsMinimization {

    /** SciPy's default number of corrections kept ({@code m=10}); liblbfgs' own default is 6. */
    private static final int CORRECTIONS = 10;

    /** The point reached, the function's value there, and how many times the function was evaluated. */
    record Result(double[] x, double value, int evaluations) {
    }

    private LbfgsMinimization() {
    }

    /**
     * Minimises a function given as {@code valueAndGradient(x, gradient)}, which returns the value at {@code x}
     * and writes the gradient there into {@code gradient}.
     */
    static Result minimize(ToDoubleBiFunction<double[], double[]> valueAndGradient, double[] x0, int maxEvaluations) {
        double[] x = x0.clone();
        int[] evaluations = {0};
        // the point reached and the value there, as the last iteration left them: the port's early stop skips its
        // own copy of the value
        double[][] reached = {x0.clone()};
        double[] value = {Double.NaN};
        LbfgsConstant.LBFGS_Param parameters = Lbfgs.defaultParams();
        parameters.m = CORRECTIONS;
        Lbfgs.lbfgs(x.length, x, new MutableDouble(), (instance, point, gradient, n, step) -> {
            double fx = valueAndGradient.applyAsDouble(point, gradient);
            if (evaluations[0]++ == 0) {
                value[0] = fx; // at x0
            }
            return fx;
        }, (instance, point, gradient, fx, xNorm, gradientNorm, step, n, iteration, lineSearchEvaluations) -> {
            reached[0] = point.clone();
            value[0] = fx;
            // the port stops on a positive status only (liblbfgs on any but 0)
            return evaluations[0] >= maxEvaluations ? LbfgsConstant.ReturnValue.LBFGS_STOP
                    : LbfgsConstant.ReturnValue.LBFGS_SUCCESS;
        }, null, parameters);
        return new Result(reached[0], value[0], evaluations[0]);
    }
}
