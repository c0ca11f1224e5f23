package dlwj.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import dlwj.datasets.files.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The book's figures as PNG files: training against validation curves (dots for training, a line for
 * validation, as {@code plt.plot(epochs, loss, 'bo')} and {@code plt.plot(epochs, val_loss, 'b')}),
 * several runs on one chart (chapter 4's comparisons), the book's {@code smooth_curve}, image grids and
 * heatmaps over photos.
 * Every method writes atomically and returns the file it wrote.
 */
public final class Plots {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189)};

    private Plots() {
    }

    /**
     * The book's figure 3.7/3.8 style: {@code name} ({@code loss}, {@code acc}, {@code mae}) for training
     * (dots) and validation (line) against the epoch.
     */
    public static Path trainingAndValidation(History history, String name, String title, Path file) {
        XYChart chart = chart(title, "Epochs", label(name));
        List<Integer> epochs = epochs(history.epochs());
        XYSeries training = chart.addSeries("Training " + label(name).toLowerCase(), epochs, history.get(name));
        training.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        training.setMarker(SeriesMarkers.CIRCLE);
        training.setMarkerColor(COLORS[0]);
        if (history.has("val_" + name)) {
            XYSeries validation = chart.addSeries("Validation " + label(name).toLowerCase(), epochs,
                    history.get("val_" + name));
            validation.setMarker(SeriesMarkers.NONE);
            validation.setLineColor(COLORS[0]);
            validation.setLineStyle(new BasicStroke(2f));
        }
        return save(chart, file);
    }

    /**
     * Several series on one chart, as chapter 4 compares models: the first drawn with crosses, the
     * others with dots, each its own colour ({@code '+'} and {@code 'bo'} in the book).
     */
    public static Path compare(Map<String, List<Double>> series, String title, String yLabel, Path file) {
        XYChart chart = chart(title, "Epochs", yLabel);
        int index = 0;
        for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
            XYSeries s = chart.addSeries(entry.getKey(), epochs(entry.getValue().size()), entry.getValue());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(index == 0 ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
            s.setMarkerColor(COLORS[index % COLORS.length]);
            index++;
        }
        return save(chart, file);
    }

    /** A series against its index from 1, as a line: the book's validation MAE per epoch (figure 3.9). */
    public static Path line(List<Double> values, String title, String xLabel, String yLabel, Path file) {
        XYChart chart = chart(title, xLabel, yLabel);
        XYSeries s = chart.addSeries(yLabel, epochs(values.size()), values);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(COLORS[0]);
        chart.getStyler().setLegendVisible(false);
        return save(chart, file);
    }

    /**
     * The book's {@code smooth_curve(points, factor=0.9)}: an exponential moving average, each point
     * replaced by {@code previous * factor + point * (1 - factor)}, the first kept as is.
     */
    public static List<Double> smooth(List<Double> points, double factor) {
        List<Double> smoothed = new ArrayList<>(points.size());
        for (double point : points) {
            smoothed.add(smoothed.isEmpty() ? point
                    : smoothed.get(smoothed.size() - 1) * factor + point * (1 - factor));
        }
        return smoothed;
    }

    /**
     * Images side by side in a grid, {@code columns} wide, each scaled up {@code scale} times: rank 3
     * {@code [n, height, width]} for grayscale or rank 4 {@code [n, channels, height, width]} (1 or 3
     * channels, RGB), values from 0 to {@code max} (255 for raw pixels, 1 for rescaled ones).
     */
    public static Path imageGrid(INDArray images, int columns, int scale, double max, Path file) {
        INDArray nchw = images.rank() == 3 ? images.reshape(images.size(0), 1, images.size(1), images.size(2)) : images;
        int n = (int) nchw.size(0);
        int channels = (int) nchw.size(1);
        int height = (int) nchw.size(2);
        int width = (int) nchw.size(3);
        int rows = (n + columns - 1) / columns;
        int gap = 2;
        BufferedImage grid = new BufferedImage(columns * (width * scale + gap) + gap, rows * (height * scale + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        double[] pixels = nchw.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < n; i++) {
            int x0 = gap + (i % columns) * (width * scale + gap);
            int y0 = gap + (i / columns) * (height * scale + gap);
            for (int y = 0; y < height * scale; y++) {
                for (int x = 0; x < width * scale; x++) {
                    int[] rgb = new int[3];
                    for (int c = 0; c < 3; c++) {
                        int channel = channels == 1 ? 0 : c;
                        double value = pixels[((i * channels + channel) * height + y / scale) * width + x / scale];
                        rgb[c] = (int) Math.round(Math.max(0, Math.min(1, value / max)) * 255);
                    }
                    grid.setRGB(x0 + x, y0 + y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
                }
            }
        }
        return writeAtomically(file, target -> ImageIO.write(grid, "png", target.toFile()));
    }

    /**
     * The book's class activation heatmap over a photo (section 5.4.3): {@code heatmap} (values 0 to 1, any
     * size) resized to the photo, coloured with the jet colour map, and added to the photo (RGB,
     * {@code [3, height, width]}, values 0 to 255) with weight {@code intensity} (the book: 0.4).
     */
    public static Path heatmapOverPhoto(INDArray photo, INDArray heatmap, double intensity, Path file) {
        int height = (int) photo.size(1);
        int width = (int) photo.size(2);
        double[][] heat = heatmap.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] pixels = photo.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = bilinear(heat, (y + 0.5) * heat.length / height - 0.5, (x + 0.5) * heat[0].length / width - 0.5);
                double[] jet = jet(value);
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double blended = pixels[(c * height + y) * width + x] + intensity * 255 * jet[c];
                    rgb = (rgb << 8) | (int) Math.round(Math.min(255, Math.max(0, blended)));
                }
                image.setRGB(x, y, rgb);
            }
        }
        return writeAtomically(file, target -> ImageIO.write(image, "png", target.toFile()));
    }

    private static double bilinear(double[][] grid, double y, double x) {
        int y0 = (int) Math.floor(Math.max(0, Math.min(grid.length - 1, y)));
        int x0 = (int) Math.floor(Math.max(0, Math.min(grid[0].length - 1, x)));
        int y1 = Math.min(grid.length - 1, y0 + 1);
        int x1 = Math.min(grid[0].length - 1, x0 + 1);
        double dy = Math.max(0, Math.min(1, y - y0));
        double dx = Math.max(0, Math.min(1, x - x0));
        double top = grid[y0][x0] * (1 - dx) + grid[y0][x1] * dx;
        double bottom = grid[y1][x0] * (1 - dx) + grid[y1][x1] * dx;
        return top * (1 - dy) + bottom * dy;
    }

    /** The jet colour map: blue for 0, through cyan, yellow, to red for 1; RGB in [0, 1]. */
    static double[] jet(double value) {
        double v = Math.max(0, Math.min(1, value));
        return new double[] {clamp(1.5 - Math.abs(4 * v - 3)), clamp(1.5 - Math.abs(4 * v - 2)),
            clamp(1.5 - Math.abs(4 * v - 1))};
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        // below the plot, where it hides no points (the book's inside legends cover rising curves' ends)
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    private static List<Integer> epochs(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    private static String label(String name) {
        return switch (name) {
            case "loss" -> "Loss";
            case "acc" -> "Accuracy";
            case "binary_accuracy" -> "Binary accuracy";
            case "mae" -> "MAE";
            case "mse" -> "MSE";
            default -> name;
        };
    }

    private static Path save(XYChart chart, Path file) {
        return writeAtomically(file, target -> {
            try (OutputStream out = Files.newOutputStream(target)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    /** Writes through a temporary file beside {@code file}, so a failed write never leaves half a PNG. */
    private static Path writeAtomically(Path file, AtomicFiles.Writer writer) {
        try {
            return AtomicFiles.write(file, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
