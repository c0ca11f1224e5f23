package dlwj.launcher;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One run of the reproduction: an example with the arguments of each profile, the book section it follows
 * and the figures it writes that the chapter guides show.
 *
 * @param book          the book's section or listings, as the results table names them
 * @param name          the run's name: the example's class, and the option that sets it apart if any
 *                      ({@code DogsVsCatsConvnet --augment}); the results table's row starts with it
 * @param example       a fresh instance of the example's command
 * @param bookArgs      its arguments at the book's settings (the options that make this run what it is)
 * @param laptopArgs    added to {@code bookArgs} in the time-bounded profile
 * @param figures       the figures it writes (file names in the output folder) to the guides' images,
 *                      relative to {@code docs/images}
 */
public record BookRun(String book, String name, Supplier<Object> example, List<String> bookArgs,
                      List<String> laptopArgs, Map<String, String> figures) {

    /** The class name, the results file's name ({@code <out>/<Example>-results.json}). */
    public String exampleName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /** Whether it follows {@code section} of the book or a subsection of it: 5.2 for 5.2 and 5.2.5, 5 for 5.4.1. */
    public boolean inSection(String section) {
        return book.equals(section) || book.startsWith(section + ".");
    }

    /** Its arguments in {@code profile}. */
    public List<String> args(Profile profile) {
        return switch (profile) {
            case BOOK -> bookArgs;
            case LAPTOP -> concat(bookArgs, laptopArgs);
            case QUICK -> bookArgs; // and --quick, where the example takes it
        };
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
