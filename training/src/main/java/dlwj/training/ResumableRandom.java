package dlwj.training;

import java.io.Serializable;
import java.util.Random;

/**
 * A {@link Random} whose state a checkpoint keeps: it draws exactly what {@code new Random(seed)} draws (every
 * draw comes from one inner {@code Random} of that seed), and {@link #restore} puts back a saved inner generator.
 * {@code java.util.Random} is serialisable but lets no one set its state, hence the inner one.
 */
public final class ResumableRandom extends Random implements Resumable {

    private Random draws;

    public ResumableRandom(long seed) {
        this.draws = new Random(seed);
    }

    /** {@code Random}'s own draws take the top {@code bits} of one step of the generator: those of {@code nextInt}. */
    @Override
    protected int next(int bits) {
        return draws.nextInt() >>> (32 - bits);
    }

    @Override
    public double nextGaussian() {
        return draws.nextGaussian(); // its second value of each pair is kept in the inner generator, so it is saved
    }

    @Override
    public synchronized void setSeed(long seed) {
        if (draws != null) { // Random's constructor calls this before the inner generator exists
            draws.setSeed(seed);
        }
    }

    @Override
    public Serializable state() {
        return draws;
    }

    @Override
    public void restore(Serializable state) {
        this.draws = (Random) state;
    }
}
