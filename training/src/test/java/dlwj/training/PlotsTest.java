package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PlotsTest {

    @TempDir
    Path dir;

    private static History history() {
        History history = new History();
        double[][] rows = {{0.6, 0.7, 0.5, 0.75}, {0.4, 0.8, 0.45, 0.8}, {0.3, 0.9, 0.5, 0.79}};
        for (double[] row : rows) {
            Map<String, Double> epoch = new LinkedHashMap<>();
            epoch.put("loss", row[0]);
            epoch.put("acc", row[1]);
            epoch.put("val_loss", row[2]);
            epoch.put("val_acc", row[3]);
            history.add(epoch);
        }
        return history;
    }

    @Test
    void trainingAndValidationCurvesArePngsWithContent() throws Exception {
        Path file = Plots.trainingAndValidation(history(), "loss", "Training and validation loss",
                dir.resolve("loss.png"));

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        assertTrue(colours(image) > 10, "a blank image has one colour");
    }

    @Test
    void severalRunsShareOneChart() throws Exception {
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        runs.put("Original model", List.of(0.5, 0.4, 0.45));
        runs.put("Smaller model", List.of(0.6, 0.5, 0.42));

        BufferedImage image = ImageIO.read(Plots.compare(runs, "Validation loss", "Validation loss",
                dir.resolve("compare.png")).toFile());

        assertEquals(640, image.getWidth());
        assertTrue(colours(image) > 10);
    }

    @Test
    void smoothIsTheBooksExponentialMovingAverage() {
        List<Double> smoothed = Plots.smooth(List.of(1.0, 0.0, 0.0, 1.0), 0.8);

        assertEquals(1.0, smoothed.get(0), 1e-12);
        assertEquals(0.8, smoothed.get(1), 1e-12);
        assertEquals(0.64, smoothed.get(2), 1e-12);
        assertEquals(0.712, smoothed.get(3), 1e-12);
    }

    @Test
    void imageGridPlacesEachImageScaled() throws Exception {
        INDArray images = Nd4j.zeros(DataType.FLOAT, 3, 4, 5);
        images.putScalar(new long[] {1, 0, 0}, 255);

        BufferedImage grid = ImageIO.read(Plots.imageGrid(images, 2, 3, 255, dir.resolve("grid.png")).toFile());

        int gap = 2;
        assertEquals(2 * (5 * 3 + gap) + gap, grid.getWidth());
        assertEquals(2 * (4 * 3 + gap) + gap, grid.getHeight());
        int x0 = gap + 5 * 3 + gap;
        assertEquals(0xffffff, grid.getRGB(x0, gap) & 0xffffff, "image 1's first pixel is white");
        assertEquals(0, grid.getRGB(gap, gap) & 0xffffff, "image 0 is black");
    }

    private static long colours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }

    @Test
    void aPictureIsDrawnAtItsOwnSizeWithoutABorder() throws Exception {
        INDArray picture = Nd4j.zeros(DataType.FLOAT, 3, 2, 4);
        picture.putScalar(new long[] {0, 1, 3}, 1);

        BufferedImage image = ImageIO.read(Plots.image(picture, 1, dir.resolve("picture.png")).toFile());

        assertEquals(4, image.getWidth());
        assertEquals(2, image.getHeight());
        assertEquals(0xff0000, image.getRGB(3, 1) & 0xffffff, "the last pixel is red");
    }

    @Test
    void matshowColoursFromTheMinimumToTheMaximumWithMatplotlibsViridis() throws Exception {
        INDArray matrix = Nd4j.createFromArray(new float[][] {{10, 11, 12}, {12, 12, 12}});

        BufferedImage image = ImageIO.read(Plots.matshow(matrix, dir.resolve("matshow.png")).toFile());

        // each value a square of 86 pixels, the smallest making the longer side at least 256
        assertEquals(3 * 86, image.getWidth());
        assertEquals(2 * 86, image.getHeight());
        // viridis(0) = (0.267004, 0.004874, 0.329415), viridis(0.5) = entry 128 = (0.127568, 0.566949, 0.550556),
        // viridis(1) = (0.993248, 0.906157, 0.143936), times 255 truncated
        assertEquals(new Color(68, 1, 84), new Color(image.getRGB(0, 0)), "the minimum");
        assertEquals(new Color(32, 144, 140), new Color(image.getRGB(86, 85)), "half way");
        assertEquals(new Color(253, 231, 36), new Color(image.getRGB(2 * 86 + 85, 86)), "the maximum");
        BufferedImage flat = ImageIO.read(Plots.matshow(Nd4j.ones(DataType.FLOAT, 2, 2), dir.resolve("flat.png")).toFile());
        assertEquals(new Color(68, 1, 84), new Color(flat.getRGB(0, 0)), "a constant matrix is all 0, as matplotlib's");
    }

    @Test
    void heatmapIsResizedToTheOriginalPictureColouredByOpenCvsJetAndAdded() throws Exception {
        BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                photo.setRGB(x, y, new Color(230, 100, 20).getRGB());
            }
        }
        Path picture = dir.resolve("photo.png");
        ImageIO.write(photo, "png", picture.toFile());
        INDArray heatmap = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}});

        BufferedImage image = ImageIO.read(Plots.heatmapOverPhoto(picture, heatmap, 0.4, dir.resolve("heat.png")).toFile());

        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
        // heatmap * 0.4 + img: jet(0) is OpenCV's dark blue (0, 0, 128), jet(255) its dark red (128, 0, 0)
        assertEquals(new Color(230, 100, 71), new Color(image.getRGB(0, 0)), "20 + 0.4 * 128 blue where it is 0");
        assertEquals(new Color(255, 100, 20), new Color(image.getRGB(299, 199)), "230 + 0.4 * 128 red, saturated");
    }
}
