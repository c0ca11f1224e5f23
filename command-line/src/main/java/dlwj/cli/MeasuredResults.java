package dlwj.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The numbers a run ends with (test accuracy, the validation MAE of each fold...), by name, in the order
 * recorded, written as JSON beside the run's plots: {@code <out>/<Example>-results.json}, rewritten
 * (atomically) with each value. The reproduction command reads them to rewrite the measured column of
 * docs/README.md; a reader can diff two runs with them.
 */
public final class MeasuredResults {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Path file;
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    MeasuredResults(Path file) {
        this.file = file;
    }

    /** Where the results are written. */
    public Path file() {
        return file;
    }

    /** Records {@code name}'s value (or values: one per fold, per model...) and rewrites the file. */
    public void record(String name, double... measured) {
        values.put(name, Arrays.stream(measured).boxed().toList());
        try {
            AtomicFiles.write(file, temporary -> Files.writeString(temporary, GSON.toJson(values)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a results file back. */
    public static Map<String, List<Double>> read(Path file) throws IOException {
        try {
            Map<String, List<Double>> read = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<LinkedHashMap<String, List<Double>>>() { }.getType());
            if (read == null) {
                throw new IOException(file + " is empty");
            }
            return read;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a results file: " + e.getMessage(), e);
        }
    }

    /** {@code name value, name [v1, v2]}: 4 significant digits, as the examples print them. */
    public static String format(Map<String, List<Double>> values) {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + " " + (entry.getValue().size() == 1
                        ? number(entry.getValue().get(0))
                        : entry.getValue().stream().map(MeasuredResults::number).collect(Collectors.joining(", ", "[", "]"))))
                .collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
