package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void heatmapIsResizedColouredAndAddedToThePhoto() throws Exception {
        INDArray photo = Nd4j.zeros(DataType.FLOAT, 3, 8, 8);
        INDArray heatmap = Nd4j.createFromArray(new float[][] {{0, 0}, {0, 1}});

        BufferedImage image = ImageIO.read(Plots.heatmapOverPhoto(photo, heatmap, 0.4, dir.resolve("heat.png")).toFile());

        assertEquals(8, image.getWidth());
        int hot = image.getRGB(7, 7);
        int cold = image.getRGB(0, 0);
        assertEquals(Math.round(0.4 * 255 * Plots.jet(1)[0]), (hot >> 16) & 0xff, "red where the heatmap is 1");
        assertEquals(Math.round(0.4 * 255 * Plots.jet(0)[2]), cold & 0xff, "blue where it is 0");
        assertEquals(0, (cold >> 16) & 0xff);
    }
}
