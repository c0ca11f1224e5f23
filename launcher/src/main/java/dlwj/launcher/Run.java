package dlwj.launcher;

import dlwj.cli.CheckedOptions;
import dlwj.cli.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The launcher behind {@code ./run} ({@code run.cmd} on Windows): runs the example of a book section or
 * listing from {@link BookRuns}, with the options that follow its name passed on to it, and exits with the
 * example's status. {@code --list} shows every run.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpWidth = 110,
        description = {"Runs an example of chapters 2-8, named by its book section (3.5), its class "
                + "(ImdbBinaryClassification) or its run's name; the options after the name go to the example "
                + "(run 3.5 --epochs 5; run 3.5 --help lists them). The exit status is the example's.",
                "A section with several runs (5.2: the small convnet, then with --augment; or a whole chapter: 4) "
                + "runs each in the book's order, with the options given, and stops at the first that fails.",
                "JVM options (a larger off-heap limit, say) go in the environment variable JAVA_OPTS."})
public final class Run implements Callable<Integer>, CheckedOptions {

    @Option(names = "--list", description = "List every run: its book section, its name and what it shows.")
    boolean list;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "A book section or chapter (3.5, 5.2, 4), an example's class, or a run's name from --list.")
    String name;

    @Parameters(index = "1..*", paramLabel = "OPTION", description = "The example's options (--quick, --epochs N, ...).")
    List<String> options = new ArrayList<>();

    private final List<BookRun> catalogue;
    private CommandSpec spec;

    /** The launcher of every example, {@link BookRuns#launchable()}. */
    public Run() {
        this(BookRuns.launchable());
    }

    /** The launcher of these runs. */
    public Run(List<BookRun> catalogue) {
        this.catalogue = catalogue;
    }

    public static void main(String[] args) {
        Examples.main(new Run(), args);
    }

    /** Everything after the name is the example's, its {@code --help} included. */
    @Spec
    void stopAtName(CommandSpec spec) {
        this.spec = spec;
        spec.parser().stopAtPositional(true);
    }

    @Override
    public void checkOptions() {
        if (!list) {
            chosenRuns();
        }
    }

    @Override
    public Integer call() {
        if (list) {
            printList();
            return 0;
        }
        List<BookRun> runs = chosenRuns();
        for (BookRun run : runs) {
            List<String> args = Stream.concat(run.args(Profile.BOOK).stream(), options.stream()).toList();
            if (runs.size() > 1) {
                System.out.printf("%n=== %s %s%n", run.book(), String.join(" ", Stream.concat(
                        Stream.of(run.exampleName()), args.stream()).toList()));
            }
            int status = Examples.execute(run.example().get(), spec.commandLine().getErr(),
                    args.toArray(String[]::new));
            if (status != 0) {
                return status;
            }
        }
        return 0;
    }

    /** The run named {@code name} (a class's name is its run at the book's settings), else the section's runs. */
    private List<BookRun> chosenRuns() {
        if (name == null) {
            throw new IllegalArgumentException("Name an example or a book section: run --list shows them");
        }
        List<BookRun> named = catalogue.stream().filter(run -> run.name().equals(name)).toList();
        if (named.isEmpty()) { // a class whose registered runs all carry options of their own: the class alone
            named = catalogue.stream().filter(run -> run.exampleName().equals(name)).limit(1)
                    .map(run -> new BookRun(run.book(), name, run.example(), List.of(), List.of(), Map.of())).toList();
        }
        List<BookRun> chosen = named.isEmpty() ? catalogue.stream().filter(run -> run.inSection(name)).toList() : named;
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("No example or book section '" + name + "': run --list shows them");
        }
        return chosen;
    }

    private void printList() {
        int width = catalogue.stream().mapToInt(run -> run.name().length()).max().orElse(0);
        System.out.printf("%-7s %-" + width + "s  %s%n", "Book", "Run", "What it shows");
        for (BookRun run : catalogue) {
            System.out.printf("%-7s %-" + width + "s  %s%n", run.book(), run.name(), description(run));
        }
        System.out.println("\nrun NAME [OPTIONS] runs one: a section with several runs (5.2, 4) runs each in turn;"
                + " run NAME --help lists the example's options.");
    }

    /** The first line of the example's own description, without the book section the list shows already. */
    private static String description(BookRun run) {
        String[] lines = new CommandLine(run.example().get()).getCommandSpec().usageMessage().description();
        String line = lines.length == 0 ? "" : lines[0].replaceFirst("^Book [^:]+: ", "");
        return line.isEmpty() ? line : Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }
}
