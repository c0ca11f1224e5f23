package dlwj.chapter06;

/**
 * Listing 6.32's normalisation of a timeseries: each column minus its mean, divided by its standard deviation
 * (numpy's {@code std}, the population's), both taken over the training rows only.
 *
 * @param mean each column's mean over the training rows
 * @param std  each column's standard deviation over them
 */
public record Normalisation(double[] mean, double[] std) {

    /** {@code float_data[:rows].mean(axis=0)} and {@code .std(axis=0)} of {@code data}, {@code columns} per row. */
    public static Normalisation of(float[] data, int columns, int rows) {
        if ((long) rows * columns > data.length || rows < 1) {
            throw new IllegalArgumentException("Cannot normalise on " + rows + " rows: the series has "
                    + data.length / columns);
        }
        double[] mean = new double[columns];
        double[] std = new double[columns];
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < columns; c++) {
                mean[c] += data[row * columns + c];
            }
        }
        for (int c = 0; c < columns; c++) {
            mean[c] /= rows;
        }
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < columns; c++) {
                double deviation = data[row * columns + c] - mean[c];
                std[c] += deviation * deviation;
            }
        }
        for (int c = 0; c < columns; c++) {
            std[c] = Math.sqrt(std[c] / rows);
            if (std[c] == 0) {
                throw new IllegalArgumentException("Column " + c + " is constant over the first " + rows
                        + " rows: it cannot be scaled to unit deviation");
            }
        }
        return new Normalisation(mean, std);
    }

    /** {@code data -= mean; data /= std}, in place, on every row. */
    public void apply(float[] data) {
        int columns = mean.length;
        for (int i = 0; i < data.length; i++) {
            int c = i % columns;
            data[i] = (float) ((data[i] - mean[c]) / std[c]);
        }
    }
}
