package dlwj.cli;

import dlwj.datasets.files.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The command line every example shares: {@code --epochs}, {@code --batch-size}, {@code --seed},
 * {@code --out}, {@code --quick} and the data options ({@code --mirror}, {@code --cache-dir},
 * {@code --local-file}). An example mixes it in and asks it for its settings, giving the book's values:
 * {@code options.epochs(20)} is 20 unless the reader said otherwise; it records the numbers its run ends
 * with through {@link #record}. The output folder is checked before the run starts, and when the run ends
 * it says which files it wrote there ("Wrote output/imdb-loss.png"), so an example only asks for them with
 * {@link #output}.
 */
public final class ExampleOptions implements CheckedOptions, RunScoped {

    @Option(names = "--epochs", paramLabel = "N", converter = PositiveInt.class,
            description = "Training epochs (default: the book's; 1-2 with --quick).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = PositiveInt.class,
            description = "Samples per batch (default: the book's).")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the weight initialisation and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "output",
            description = "Where plots, models and results are written (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "A tiny subset of the data and 1-2 epochs: a smoke run in seconds.")
    boolean quick;

    @Mixin
    DataSourceOptions data = new DataSourceOptions();

    @Spec(Spec.Target.MIXEE)
    CommandSpec example;

    private MeasuredResults results;
    private final Set<Path> outputs = new LinkedHashSet<>();
    private FileTime runStart;

    /** The book's epoch count unless overridden; at most 2 with {@code --quick}. */
    public int epochs(int book) {
        return epochs != null ? epochs : quick ? Math.min(2, book) : book;
    }

    public int batchSize(int book) {
        return batchSize != null ? batchSize : book;
    }

    /** How many samples to use out of {@code available}: all of them, or {@code quickCount} with --quick. */
    public int samples(int available, int quickCount) {
        return quick ? Math.min(available, quickCount) : available;
    }

    public long seed() {
        return seed;
    }

    public boolean quick() {
        return quick;
    }

    public DataSource dataSource() {
        return data.dataSource();
    }

    /** The output folder is created and written to once, so that a run never fails at its end for it. */
    @Override
    public void checkOptions() {
        try {
            Path folder = Files.createDirectories(out);
            Files.delete(Files.createTempFile(folder, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + out.toAbsolutePath() + " can't be written to ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "): pass --out with a folder you can write to");
        }
    }

    @Override
    public void beforeRun() {
        runStart = FileTime.fromMillis(System.currentTimeMillis() - 1_000); // file times may be rounded to seconds
    }

    /** Lists the files of {@link #output} that this run wrote, in the order the example asked for them. */
    @Override
    public void afterRun() {
        for (Path file : outputs) {
            try {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(runStart) >= 0) {
                    System.out.println("Wrote " + file);
                }
            } catch (IOException e) {
                // removed or unreadable since: not a file this run leaves behind
            }
        }
    }

    /** A file in the output folder (created); when the run ends, it is listed if the run wrote it. */
    public Path output(String fileName) {
        try {
            Path file = Files.createDirectories(out).resolve(fileName);
            outputs.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the output folder " + out.toAbsolutePath()
                    + ": " + e.getMessage() + ". Pass --out with a folder you can write to.", e);
        }
    }

    /**
     * Records a number the run ends with (or one per fold, per model...), under Keras' name where it has
     * one ({@code test_acc}), in {@code <out>/<Example>-results.json} (see {@link MeasuredResults}).
     */
    public void record(String name, double... values) {
        if (results == null) {
            results = new MeasuredResults(output(example.name() + "-results.json"));
        }
        results.record(name, values);
    }

    /** Accepts only whole numbers above zero. */
    static final class PositiveInt implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
            }
            if (number <= 0) {
                throw new CommandLine.TypeConversionException("must be above 0, got " + number);
            }
            return number;
        }
    }
}
