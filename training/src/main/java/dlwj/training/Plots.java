package dlwj.training;

import dlwj.datasets.files.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
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
 * several runs on one chart (chapter 4's comparisons), the book's {@code smooth_curve}, pictures and image
 * grids, matrices in matplotlib's viridis ({@code plt.matshow}) and class activation heatmaps over photos.
 * Every method writes atomically and returns the file it wrote.
 */
public final class Plots {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MATSHOW_SIDE = 256;
    private static final double[][] VIRIDIS = viridisTable();
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
        return lines(Map.of(yLabel, values), title, xLabel, yLabel, file);
    }

    /** Series against their index from 1, as lines of their own colours, named in a legend if there are several. */
    public static Path lines(Map<String, List<Double>> series, String title, String xLabel, String yLabel, Path file) {
        XYChart chart = chart(title, xLabel, yLabel);
        int index = 0;
        for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
            XYSeries s = chart.addSeries(entry.getKey(), epochs(entry.getValue().size()), entry.getValue());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(COLORS[index++ % COLORS.length]);
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
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
        return writePng(grid(nchw, columns, scale, max, 2), file);
    }

    /**
     * One picture as {@code plt.imshow(picture)} shows it, at its own size and without a border:
     * {@code [channels, height, width]} (1 or 3 channels, RGB), values from 0 to {@code max}.
     */
    public static Path image(INDArray picture, double max, Path file) {
        return writePng(grid(picture.reshape(1, picture.size(0), picture.size(1), picture.size(2)), 1, 1, max, 0), file);
    }

    private static BufferedImage grid(INDArray nchw, int columns, int scale, double max, int gap) {
        int n = (int) nchw.size(0);
        int channels = (int) nchw.size(1);
        int height = (int) nchw.size(2);
        int width = (int) nchw.size(3);
        int rows = (n + columns - 1) / columns;
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
        return grid;
    }

    /**
     * A matrix as the book's {@code plt.matshow(matrix, cmap='viridis')} and {@code plt.imshow(grid,
     * cmap='viridis')} draw it, without axes: its values scaled from its minimum (0) to its maximum (1), as
     * matplotlib's default normalisation does (a constant matrix all 0), and coloured with matplotlib's
     * viridis. Each value is a square of pixels, as large as makes the longer side at least 256 pixels
     * (a 14x14 heatmap is drawn 266 pixels wide, a 148x148 activation 296).
     */
    public static Path matshow(INDArray matrix, Path file) {
        double[][] values = matrix.castTo(DataType.DOUBLE).toDoubleMatrix();
        int height = values.length;
        int width = values[0].length;
        int scale = Math.max(1, (MATSHOW_SIDE + Math.max(height, width) - 1) / Math.max(height, width));
        double min = matrix.minNumber().doubleValue();
        double range = matrix.maxNumber().doubleValue() - min;
        BufferedImage image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                image.setRGB(x, y, viridis(range > 0 ? (values[y / scale][x / scale] - min) / range : 0));
            }
        }
        return writePng(image, file);
    }

    /**
     * matplotlib's viridis for {@code value} from 0 to 1, as 8-bit RGB: the table's entry
     * {@code floor(value * 256)} (the last for 1), each component times 255 truncated, as matplotlib
     * converts colours to bytes.
     */
    static int viridis(double value) {
        double[] rgb = VIRIDIS[Math.max(0, Math.min(255, (int) Math.floor(value * 256)))];
        return ((int) (rgb[0] * 255) << 16) | ((int) (rgb[1] * 255) << 8) | (int) (rgb[2] * 255);
    }

    /**
     * The book's class activation heatmap over the original picture (section 5.4.3, listing 5.44), step by
     * step as OpenCV does it there: the picture read at its own size ({@code cv2.imread}); {@code heatmap}
     * (values 0 to 1, any size) resized to it bilinearly ({@code cv2.resize}); turned into bytes,
     * {@code np.uint8(255 * heatmap)} (truncated); coloured by OpenCV's jet colour map
     * ({@code cv2.applyColorMap(heatmap, cv2.COLORMAP_JET)}); and added to the picture with weight
     * {@code intensity} (the book: 0.4), {@code heatmap * 0.4 + img}, rounded and saturated at 255 as
     * {@code cv2.imwrite} converts to bytes.
     */
    public static Path heatmapOverPhoto(Path picture, INDArray heatmap, double intensity, Path file) {
        INDArray photo = Pictures.imread(picture);
        int height = (int) photo.size(1);
        int width = (int) photo.size(2);
        double[][] heat = heatmap.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] pixels = photo.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = bilinear(heat, (y + 0.5) * heat.length / height - 0.5, (x + 0.5) * heat[0].length / width - 0.5);
                int[] jet = OpenCvJet.COLOURS[(int) (255 * Math.max(0, Math.min(1, value)))];
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double blended = jet[c] * intensity + pixels[(c * height + y) * width + x];
                    rgb = (rgb << 8) | (int) Math.min(255, Math.max(0, Math.rint(blended)));
                }
                image.setRGB(x, y, rgb);
            }
        }
        return writePng(image, file);
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

    /**
     * OpenCV's jet colour map as {@code cv2.applyColorMap} colours the bytes 0 to 255 (dark blue, through
     * cyan and yellow, to dark red), RGB: taken from OpenCV itself, whose table differs from the jet formula
     * by a rounding here and there.
     */
    static final class OpenCvJet {

        /** Built when first used, so that charts never load OpenCV. */
        static final int[][] COLOURS = openCvJet();

        private OpenCvJet() {
        }
    }

    private static int[][] openCvJet() {
        try (Mat levels = new Mat(1, 256, opencv_core.CV_8UC1); Mat colours = new Mat()) {
            UByteIndexer in = levels.createIndexer();
            for (int level = 0; level < 256; level++) {
                in.put(0, level, level);
            }
            opencv_imgproc.applyColorMap(levels, colours, opencv_imgproc.COLORMAP_JET);
            UByteIndexer out = colours.createIndexer();
            int[][] jet = new int[256][];
            for (int level = 0; level < 256; level++) {
                jet[level] = new int[] {out.get(0, level, 2), out.get(0, level, 1), out.get(0, level, 0)}; // from BGR
            }
            return jet;
        }
    }

    /** matplotlib's viridis table (256 RGB entries from 0 to 1), from the resource {@code viridis.csv}. */
    private static double[][] viridisTable() {
        try (InputStream in = Plots.class.getResourceAsStream("viridis.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#")).toArray(String[]::new);
            double[][] table = new double[lines.length][3];
            for (int i = 0; i < lines.length; i++) {
                String[] rgb = lines[i].split(",");
                for (int c = 0; c < 3; c++) {
                    table[i][c] = Double.parseDouble(rgb[c]);
                }
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static Path writePng(BufferedImage image, Path file) {
        return writeAtomically(file, target -> ImageIO.write(image, "png", target.toFile()));
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
