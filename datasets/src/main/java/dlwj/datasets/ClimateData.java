package dlwj.datasets;

import java.util.Arrays;
import java.util.List;

/**
 * A weather timeseries as the book's listings 6.28-6.29 read it: the CSV's {@code header}, and its numeric
 * columns as {@code float_data}, one row per time step, in one array (row-major), so windows of consecutive
 * rows are contiguous slices.
 *
 * @param header    the names of all columns, the date's first (without the CSV's quotes)
 * @param dateTimes each row's date and time, as the CSV writes it ({@code 01.01.2009 00:10:00})
 * @param floatData the numeric columns (all but the date), {@code rows() * columns()} values, row by row
 */
public record ClimateData(List<String> header, String[] dateTimes, float[] floatData) {

    public ClimateData {
        header = List.copyOf(header);
        if ((long) dateTimes.length * (header.size() - 1) != floatData.length) {
            throw new IllegalArgumentException(floatData.length + " values for " + dateTimes.length + " rows of "
                    + (header.size() - 1) + " columns");
        }
    }

    /** The number of time steps: the book's {@code len(lines)}. */
    public int rows() {
        return dateTimes.length;
    }

    /** The number of numeric columns: {@code float_data.shape[1]}. */
    public int columns() {
        return header.size() - 1;
    }

    /** {@code float_data[row, column]}. */
    public float get(int row, int column) {
        return floatData[row * columns() + column];
    }

    /** {@code float_data[row]}, a copy. */
    public float[] row(int row) {
        return Arrays.copyOfRange(floatData, row * columns(), (row + 1) * columns());
    }
}
