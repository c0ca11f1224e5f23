package dlwj.launcher;

import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The results table of {@code docs/README.md}: a Markdown table whose rows name a run in their second cell
 * ({@code `ImdbBinaryClassification` on ...}) and whose header names the columns the reproduction rewrites:
 * {@code Measured here}, {@code Date} and {@code Data}. Everything else in the file is left as it is.
 */
public final class ResultsTable {

    private final Path file;

    public ResultsTable(Path file) {
        this.file = file;
    }

    /** What a run measured, on which day, from which data: the cells of its row that a reproduction rewrites. */
    public record Measurement(String measured, LocalDate date, String data) {
    }

    static final String MEASURED = "Measured here";
    static final String DATE = "Date";
    static final String DATA = "Data";

    /**
     * Writes {@code measurement} into the row of {@code runName}, writing the file atomically.
     *
     * @return false if no row names the run (the file is then unchanged)
     */
    public boolean rewrite(String runName, Measurement measurement) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String key = "`" + runName + "`";
        List<String> header = List.of();
        boolean found = false;
        List<String> rewritten = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = cells(line);
            if (cells.contains(MEASURED)) {
                header = cells;
            } else if (cells.size() >= 3 && cells.get(1).startsWith(key)) {
                if (!header.containsAll(List.of(MEASURED, DATE, DATA))) {
                    throw new IOException(file + ": the table of `" + runName + "` has no columns " + MEASURED + ", "
                            + DATE + " and " + DATA);
                }
                cells.set(header.indexOf(MEASURED), measurement.measured().replace("|", "\\|"));
                cells.set(header.indexOf(DATE), measurement.date().toString());
                cells.set(header.indexOf(DATA), measurement.data().replace("|", "\\|"));
                line = "| " + String.join(" | ", cells) + " |";
                found = true;
            }
            rewritten.add(line);
        }
        if (found) {
            AtomicFiles.write(file, temporary -> Files.write(temporary, rewritten, StandardCharsets.UTF_8));
        }
        return found;
    }

    /** The run names the table has rows for. */
    public List<String> rows() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> cells = cells(line);
            if (cells.size() >= 3 && cells.get(1).startsWith("`")) {
                int end = cells.get(1).indexOf('`', 1);
                if (end > 0) {
                    names.add(cells.get(1).substring(1, end));
                }
            }
        }
        return names;
    }

    /** A table row's cells, trimmed, with escaped pipes kept inside their cell; empty if not a row. */
    private static List<String> cells(String line) {
        String trimmed = line.trim();
        List<String> cells = new ArrayList<>();
        if (!trimmed.startsWith("|") || !trimmed.endsWith("|") || trimmed.length() < 2) {
            return cells;
        }
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\\' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
