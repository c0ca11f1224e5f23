package dlwj.training;

import java.io.Serializable;

/**
 * What a long run draws from or reads through besides the model: a data iterator's shuffle and place in its
 * pass, a callback's random draws. Its {@link Checkpoint} keeps their states after every epoch and a resumed run
 * restores them ({@link Trainer#checkpointed}), so the epochs after a resume draw and read what they would have
 * drawn and read in the run that was not interrupted.
 */
public interface Resumable {

    /** The state now; the checkpoint serialises it at once, so it may be an object that goes on changing. */
    Serializable state();

    /** Goes back to a state that {@link #state()} gave (read back from a checkpoint: a copy of it). */
    void restore(Serializable state);
}
