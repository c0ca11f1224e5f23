package dlwj.training;

import java.io.Serializable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's random generator of the training thread ({@code Nd4j.getRandom()}: dropout masks, the VAE's sampling) as
 * a checkpoint keeps it: its seed and how far it has gone ({@code rootState}, {@code nodeState}).
 */
final class Nd4jRandomState implements Resumable {

    @Override
    public Serializable state() {
        return new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
    }

    @Override
    public void restore(Serializable state) {
        long[] states = (long[]) state;
        Nd4j.getRandom().setStates(states[0], states[1]);
    }
}
