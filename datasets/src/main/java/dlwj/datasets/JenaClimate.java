package dlwj.datasets;

import dlwj.datasets.files.ArchiveExtraction;
import dlwj.datasets.files.DataSource;
import dlwj.datasets.files.InvalidDataFileException;
import dlwj.datasets.files.RemoteFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Jena climate timeseries (book section 6.3.1): the weather station of the Max Planck Institute for
 * Biogeochemistry in Jena, 2009-2016, 14 quantities (temperature, pressure, humidity, wind, ...) every 10
 * minutes, 420,551 rows. {@link #loadData} reads the CSV straight out of Keras' zip as listings 6.28 and 6.29
 * read the extracted file: the header, and the 14 numeric columns as {@code float_data}.
 */
public final class JenaClimate {

    /** The CSV inside the zip. */
    public static final String CSV = "jena_climate_2009_2016.csv";

    /** The CSV's header, without its quotes: the date, then the 14 columns of {@code float_data}. */
    public static final List<String> HEADER = List.of("Date Time", "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)",
            "rh (%)", "VPmax (mbar)", "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)",
            "rho (g/m**3)", "wv (m/s)", "max. wv (m/s)", "wd (deg)");

    /**
     * Keras' {@code jena_climate_2009_2016.csv.zip} (13,568,290 bytes), from where TensorFlow's tutorials
     * fetch it; the book gives {@code https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip}.
     * No checksum is published: the zip must hold the CSV, whose CRC-32, header and every row are checked as
     * it is read.
     */
    public static final RemoteFile DATA = RemoteFile.of("datasets/" + CSV + ".zip",
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/" + CSV + ".zip", null,
            13_568_290, JenaClimate::checkZip);

    private JenaClimate() {
    }

    /** The header and {@code float_data} of the CSV, from the environment's {@link DataSource#fromEnvironment() source}. */
    public static ClimateData loadData() {
        return loadData(DataSource.fromEnvironment());
    }

    public static ClimateData loadData(DataSource source) {
        return source.load(DATA, zip -> ArchiveExtraction.readEntry(zip, CSV, JenaClimate::read));
    }

    /**
     * Reads the CSV as listing 6.29 does: each line split on commas, the first field (the date) set aside,
     * the 14 others parsed as Python's {@code float()} does and stored as float32 (the book keeps float64;
     * float32 keeps the at most 6 significant digits the CSV writes, as in 1307.75). A final line end is
     * allowed (Keras' file has none), an empty line before other lines is not.
     */
    static ClimateData read(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new InvalidDataFileException(CSV + " is empty");
        }
        List<String> header = Arrays.stream(headerLine.split(",", -1)).map(JenaClimate::unquoted).toList();
        if (header.size() != HEADER.size()) {
            throw new InvalidDataFileException(CSV + ", line 1: the header has " + header.size() + " columns, expected "
                    + HEADER.size() + " (" + headerLine + ")");
        }
        for (int column = 0; column < HEADER.size(); column++) {
            if (!header.get(column).equals(HEADER.get(column))) {
                throw new InvalidDataFileException(CSV + ", line 1: column " + (column + 1) + " of the header is '"
                        + header.get(column) + "', expected '" + HEADER.get(column) + "'");
            }
        }
        int columns = HEADER.size() - 1;
        List<String> dateTimes = new ArrayList<>();
        float[] values = new float[1024 * columns]; // grown with the rows read, whatever the file
        long lineNumber = 1;
        long emptyLine = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNumber++;
            if (emptyLine > 0) {
                throw new InvalidDataFileException(CSV + ", line " + emptyLine + ": an empty line");
            }
            if (line.isEmpty()) {
                emptyLine = lineNumber;
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != HEADER.size()) {
                throw new InvalidDataFileException(CSV + ", line " + lineNumber + ": " + fields.length + " fields, expected "
                        + HEADER.size() + " (" + line + ")");
            }
            int row = dateTimes.size();
            if ((long) (row + 1) * columns > values.length) {
                values = Arrays.copyOf(values, values.length + values.length / 2);
            }
            for (int column = 0; column < columns; column++) {
                double value = FileReading.decimal(fields[column + 1]);
                if (Double.isNaN(value)) {
                    throw new InvalidDataFileException(CSV + ", line " + lineNumber + ": " + HEADER.get(column + 1)
                            + " is '" + fields[column + 1] + "', not a number");
                }
                values[row * columns + column] = (float) value;
            }
            dateTimes.add(fields[0]);
        }
        if (dateTimes.isEmpty()) {
            throw new InvalidDataFileException(CSV + " has a header but no rows");
        }
        return new ClimateData(HEADER, dateTimes.toArray(String[]::new),
                Arrays.copyOf(values, dateTimes.size() * columns));
    }

    private static String unquoted(String field) {
        return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                ? field.substring(1, field.length() - 1) : field;
    }

    /** The CSV in the zip: a zip without it is not Keras' file. */
    private static void checkZip(Path file) throws IOException {
        ArchiveExtraction.requireEntries(file, CSV);
    }
}
