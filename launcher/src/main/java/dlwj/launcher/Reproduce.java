package dlwj.launcher;

import dlwj.chapter05.Vgg16WeightsOption;
import dlwj.cli.CheckedOptions;
import dlwj.cli.Commands;
import dlwj.cli.DataSourceOptions;
import dlwj.cli.DogsVsCatsSplitOption;
import dlwj.cli.Examples;
import dlwj.cli.MeasuredResults;
import dlwj.cli.MnistDatasetOption;
import dlwj.cli.ResumeOption;
import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Runs every example of chapters 2-8 ({@link BookRuns}) one after the other, continuing past failures, and
 * rewrites what the docs show: each successful run's cell in the results table of {@code docs/README.md}
 * (its measured numbers, date, profile, machine and data) and the figures the chapter guides show. Ends
 * with a summary and the list of failed runs.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs every example of chapters 2-8 and rewrites the measured column of docs/README.md "
                + "and the guides' figures.",
                "Data options are passed to the examples that take them."})
public final class Reproduce implements Callable<Integer>, CheckedOptions {

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "book", converter = ProfileName.class,
            description = "book (the book's settings, ~17 h on 2 cores), laptop (fewer epochs where a run takes "
                    + "hours, ~1 h) or quick (smoke runs; the docs are left alone). Default: ${DEFAULT-VALUE}.")
    Profile profile;

    @Option(names = "--only", paramLabel = "RUN", split = ",",
            description = "Only these runs: a run's name, an example's class, or a book section (3, 5.4).")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "output/reproduce",
            description = "Where the examples write models, plots and results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--docs", paramLabel = "DIR", defaultValue = "docs",
            description = "The docs folder to rewrite (default: ${DEFAULT-VALUE}).")
    Path docs;

    // The examples' own data options: every mixin's options are passed to the examples that take them
    @Mixin
    DataSourceOptions data = new DataSourceOptions();

    @Mixin
    MnistDatasetOption dataset = new MnistDatasetOption();

    @Mixin
    Vgg16WeightsOption weights = new Vgg16WeightsOption();

    @Mixin
    DogsVsCatsSplitOption dogsVsCats = new DogsVsCatsSplitOption();

    @Mixin
    ResumeOption resume = new ResumeOption();

    @Spec
    CommandSpec spec;

    private final List<BookRun> catalogue;

    /** The reproduction of every example, {@link BookRuns#all()}. */
    public Reproduce() {
        this(BookRuns.all());
    }

    /** The reproduction of these runs. */
    public Reproduce(List<BookRun> catalogue) {
        this.catalogue = catalogue;
    }

    public static void main(String[] args) {
        Examples.main(new Reproduce(), args);
    }

    /** What one run came to. */
    private record Outcome(BookRun run, int status, double seconds, String problem) {
    }

    @Override
    public void checkOptions() {
        chosenRuns();
        if (profile != Profile.QUICK && !Files.isRegularFile(docs.resolve("README.md"))) {
            throw new IllegalArgumentException("No results table at " + docs.resolve("README.md").toAbsolutePath()
                    + ": run from the repository's root folder, or pass --docs with the docs folder.");
        }
    }

    @Override
    public Integer call() throws IOException {
        List<BookRun> runs = chosenRuns();
        String machine = Machine.describe();
        System.out.printf("Reproducing %d runs (%s) on %s; output in %s%s%n", runs.size(), profile.description(),
                machine, out, profile == Profile.QUICK ? "" : "; rewriting " + docs.resolve("README.md"));
        List<Outcome> outcomes = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < runs.size(); i++) {
            BookRun run = runs.get(i);
            List<String> args = arguments(run);
            System.out.printf("%n=== [%d/%d] %s %s: %s%n", i + 1, runs.size(), run.book(), run.name(), String.join(" ", args));
            Outcome outcome = execute(run, args);
            outcomes.add(outcome);
            if (outcome.status() == 0 && profile != Profile.QUICK) {
                try {
                    rewriteDocs(run, outcome, machine);
                } catch (IOException e) {
                    System.out.println("Could not record " + run.name() + " in " + docs + ": " + e.getMessage()
                            + " (its output is in " + out + ")");
                }
            }
        }
        return summary(outcomes, (System.nanoTime() - start) / 1e9);
    }

    private List<BookRun> chosenRuns() {
        if (only.isEmpty()) {
            return catalogue;
        }
        List<BookRun> chosen = new ArrayList<>();
        for (String wanted : only) {
            List<BookRun> matching = catalogue.stream().filter(run -> run.name().equals(wanted)
                    || run.exampleName().equals(wanted) || run.inSection(wanted)).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("No run named '" + wanted + "'. Runs: " + String.join(", ",
                        catalogue.stream().map(BookRun::name).toList()) + "; or a book section such as 3 or 5.4.");
            }
            chosen.addAll(matching);
        }
        return catalogue.stream().filter(chosen::contains).toList();
    }

    /** The run's arguments in this profile, its output folder, and the options given here that it takes. */
    private List<String> arguments(BookRun run) {
        CommandSpec spec = spec(run);
        List<String> args = new ArrayList<>(run.args(profile));
        if (profile == Profile.QUICK && spec.findOption("--quick") != null) {
            args.add("--quick");
        }
        if (spec.findOption("--out") != null) {
            args.addAll(List.of("--out", out.toString()));
        }
        args.addAll(passedOptions(spec));
        return args;
    }

    /** The data options given here that the example takes, as they were given. */
    private List<String> passedOptions(CommandSpec example) {
        List<OptionSpec> dataOptions = new ArrayList<>();
        for (CommandSpec mixin : spec.mixins().values()) {
            dataOptions.addAll(mixin.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp()).toList());
        }
        return Commands.givenArguments(dataOptions.stream()
                .filter(option -> example.findOption(option.longestName()) != null).toList());
    }

    private static CommandSpec spec(BookRun run) {
        return new CommandLine(run.example().get()).getCommandSpec();
    }

    /** Runs the example in this JVM; whatever it throws is its failure, not the reproduction's. */
    private Outcome execute(BookRun run, List<String> args) throws IOException {
        Files.deleteIfExists(resultsFile(run));
        StringWriter messages = new StringWriter();
        long start = System.nanoTime();
        int status;
        try {
            status = Examples.execute(run.example().get(), new PrintWriter(new Tee(messages), true),
                    args.toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            messages.write(e.toString());
            status = 1;
        } finally {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            System.gc();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String problem = messages.toString().lines().filter(line -> !line.isBlank()).findFirst()
                .orElse("exit status " + status);
        return new Outcome(run, status, seconds, status == 0 ? null : problem);
    }

    private Path resultsFile(BookRun run) {
        return out.resolve(run.exampleName() + "-results.json");
    }

    /** The run's row in the results table and its figures in the guides. */
    private void rewriteDocs(BookRun run, Outcome outcome, String machine) throws IOException {
        Path results = resultsFile(run);
        String measured = Files.exists(results) ? MeasuredResults.format(MeasuredResults.read(results))
                : "ran without errors";
        String settings = profile == Profile.BOOK ? "" : " (" + String.join(" ", Stream.concat(
                Stream.of(profile.description()), run.args(profile).stream()).toList()) + ")";
        ResultsTable.Measurement row = new ResultsTable.Measurement(measured + settings, LocalDate.now(),
                dataNote(spec(run)));
        if (new ResultsTable(docs.resolve("README.md")).rewrite(run.name(), row)) {
            System.out.println("Rewrote the row of `" + run.name() + "` in " + docs.resolve("README.md") + ": " + row
                    + " (" + machine + ", " + duration(outcome.seconds()) + ")");
        } else {
            System.out.println(docs.resolve("README.md") + " has no row for `" + run.name() + "`: not recorded there.");
        }
        for (Map.Entry<String, String> figure : run.figures().entrySet()) {
            Path written = out.resolve(figure.getKey());
            Path shown = docs.resolve("images").resolve(figure.getValue());
            if (Files.exists(written)) {
                AtomicFiles.write(shown, temporary -> Files.copy(written, temporary, StandardCopyOption.REPLACE_EXISTING));
                System.out.println("Copied " + written + " to " + shown);
            } else {
                System.out.println(run.name() + " did not write " + written + ": " + shown + " left as it was.");
            }
        }
    }

    /** Where the run's data came from, if it reads any: {@code Fashion-MNIST, local copies}. */
    private String dataNote(CommandSpec example) {
        if (example.findOption("--mirror") == null) {
            return "";
        }
        boolean local = !Commands.givenArguments(spec.mixins().get("data").options()).isEmpty();
        List<String> dataset = Commands.givenArguments(spec.mixins().get("dataset").options());
        String name = !dataset.isEmpty() && example.findOption("--dataset") != null ? dataset.get(1) + ", " : "";
        return name + (local ? "local copies" : "downloads");
    }

    private int summary(List<Outcome> outcomes, double seconds) {
        List<Outcome> failed = outcomes.stream().filter(outcome -> outcome.status() != 0).toList();
        System.out.printf("%nReproduction (%s): %d of %d runs succeeded in %s.%n", profile.description(),
                outcomes.size() - failed.size(), outcomes.size(), duration(seconds));
        for (Outcome outcome : outcomes) {
            System.out.printf("  %-6s %-6s %-30s %8s%s%n", outcome.status() == 0 ? "ok" : "FAILED", outcome.run().book(),
                    outcome.run().name(), duration(outcome.seconds()),
                    outcome.problem() == null ? "" : "  " + outcome.problem());
        }
        if (!failed.isEmpty()) {
            System.out.println("Failed: " + String.join(", ", failed.stream().map(o -> o.run().name()).toList())
                    + ". Their messages are above; re-run them with --only.");
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static String duration(double seconds) {
        return seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    /** Writes to standard error and keeps a copy. */
    private static final class Tee extends Writer {
        private final StringWriter copy;
        private final PrintWriter err = new PrintWriter(System.err, true);

        Tee(StringWriter copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            err.write(buffer, offset, length);
            copy.write(buffer, offset, length);
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }

    /** {@code book}, {@code laptop} or {@code quick}, in any case. */
    static final class ProfileName implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a profile: book, laptop or quick");
            }
        }
    }
}
