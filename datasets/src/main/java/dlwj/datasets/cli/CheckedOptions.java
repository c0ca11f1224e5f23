package dlwj.datasets.cli;

/**
 * Options that can be checked before a command does any work: a command or a mixin that implements this
 * is checked by {@link Commands} after parsing and before {@code call()}, so a bad value is reported at
 * once, with the usage status 2, and not after an hour of training.
 */
public interface CheckedOptions {

    /** Throws {@link IllegalArgumentException} with one line saying which option is wrong and why. */
    void checkOptions();
}
