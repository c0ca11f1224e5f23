package dlwj.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Options that can be checked before a command does any work: a command or a mixin that implements this
 * is checked by {@link Commands} after parsing and before {@code call()}, so a bad value is reported at
 * once, with the usage status 2, and not after an hour of training.
 */
public interface CheckedOptions {

    /** Throws {@link IllegalArgumentException} with one line saying which option is wrong and why. */
    void checkOptions();

    /**
     * Refuses {@code value} of {@code option} unless it is one of {@code choices}, the names written as the
     * option's help lists them ({@code "simple-rnn, lstm"}).
     */
    static void requireOneOf(String option, String value, String choices) {
        if (!List.of(choices.split(", ")).contains(value)) {
            throw new IllegalArgumentException(option + " must be one of " + choices + ", not " + value);
        }
    }

    /** Refuses a {@code file} given to {@code option} that is not a file (a missing one, a folder), if given. */
    static void requireFile(String option, Path file) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file.toAbsolutePath() + " is not a file");
        }
    }

    /** Refuses a {@code value} given to {@code option} below {@code minimum}, if given. */
    static void requireAtLeast(String option, Integer value, int minimum) {
        if (value != null && value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", not " + value);
        }
    }
}
