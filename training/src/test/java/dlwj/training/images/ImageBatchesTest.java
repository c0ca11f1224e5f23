package dlwj.training.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.training.Pictures;
import dlwj.training.Serialised;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class ImageBatchesTest {

    @TempDir
    Path dir;

    private void writeImages(String className, int count, Color color) throws Exception {
        Files.createDirectories(dir.resolve(className));
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 20; x++) {
                    image.setRGB(x, y, color.getRGB());
                }
            }
            ImageIO.write(image, "png", dir.resolve(className).resolve(className + i + ".jpg").toFile());
        }
    }

    @Test
    void batchesHaveKerasShapesLabelsAndRgbValues() throws Exception {
        writeImages("cats", 5, new Color(255, 0, 0));
        writeImages("dogs", 3, new Color(0, 0, 255));
        ImageBatches batches = ImageBatches.flowFromDirectory(dir).targetSize(8, 8).batchSize(3)
                .classMode(ClassMode.BINARY).shuffle(false).build();

        List<DataSet> epoch = new ArrayList<>();
        while (batches.hasNext()) {
            epoch.add(batches.next());
        }

        assertEquals(3, epoch.size(), "one pass of 8 images in batches of 3");
        assertArrayEquals(new long[] {3, 3, 8, 8}, epoch.get(0).getFeatures().shape());
        assertArrayEquals(new long[] {2, 3, 8, 8}, epoch.get(2).getFeatures().shape());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 1, 1},
                concat(epoch.stream().map(b -> b.getLabels().toFloatVector()).toList()));
        // a red cat: R = 1, B = 0 (DataVec decodes BGR; the batches are RGB, rescaled to [0, 1])
        assertEquals(1, epoch.get(0).getFeatures().getFloat(0, 0, 4, 4), 1e-6);
        assertEquals(0, epoch.get(0).getFeatures().getFloat(0, 2, 4, 4), 1e-6);
        assertEquals(1, epoch.get(2).getFeatures().getFloat(1, 2, 4, 4), 1e-6);
    }

    @Test
    void stepsPerEpochRunOnAcrossPassesAndShufflingIsSeeded() throws Exception {
        writeImages("cats", 4, Color.RED);
        writeImages("dogs", 4, Color.BLUE);
        ImageBatches batches = ImageBatches.flowFromDirectory(dir).augmentation(ImageAugmentation.book())
                .targetSize(8, 8).batchSize(3).classMode(ClassMode.BINARY).seed(5).build().stepsPerEpoch(5);
        ImageBatches same = ImageBatches.flowFromDirectory(dir).augmentation(ImageAugmentation.book())
                .targetSize(8, 8).batchSize(3).classMode(ClassMode.BINARY).seed(5).build().stepsPerEpoch(5);

        int batchCount = 0;
        int images = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            assertEquals(same.next().getLabels(), batch.getLabels());
            images += batch.getFeatures().size(0);
            batchCount++;
        }
        assertEquals(5, batchCount);
        assertEquals(3 + 3 + 2 + 3 + 3, images, "a pass ends with a smaller batch, then the next pass starts");
        batches.reset();
        assertTrue(batches.hasNext());
    }

    @Test
    void kerasDefaultsAreTargetSize256BatchSize32CategoricalShuffled() throws Exception {
        writeImages("dogs", 40, Color.BLUE);
        writeImages("cats", 30, Color.RED);

        ImageBatches batches = ImageBatches.flowFromDirectory(dir).build();
        DataSet batch = batches.next();

        assertArrayEquals(new long[] {32, 3, 256, 256}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {32, 2}, batch.getLabels().shape(), "class_mode='categorical': one-hot");
        assertEquals(32, batch.getLabels().sum(1).sumNumber().intValue(), "one 1 per row");
        // classes in the folders' alphabetical order: cats (red) are class 0, dogs (blue) class 1
        for (int i = 0; i < 32; i++) {
            assertEquals(batch.getFeatures().getFloat(i, 0, 0, 0), batch.getLabels().getFloat(i, 0), 1e-6);
        }
        assertEquals(3, batches.stepsPerEpoch(), "one pass over 70 pictures in batches of 32");
        double cats = batch.getLabels().getColumn(0).sumNumber().doubleValue();
        assertTrue(cats > 0 && cats < 30, "shuffle=True mixes the classes in a batch: " + cats + " cats");
    }

    @Test
    void targetSizeIsHeightThenWidth() throws Exception {
        writeImages("cats", 1, Color.RED);

        DataSet batch = ImageBatches.flowFromDirectory(dir).targetSize(5, 7).build().next();

        assertArrayEquals(new long[] {1, 3, 5, 7}, batch.getFeatures().shape());
    }

    private static float[] concat(List<float[]> parts) {
        int length = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    void picturesAreResizedByNearestNeighbourAsKeras208Did() throws Exception {
        // 4 x 2 pixels with values that say where they are: red 10 + 40x + 100y, green 5x, blue 200 - 50y
        BufferedImage picture = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                picture.setRGB(x, y, new Color(10 + 40 * x + 100 * y, 5 * x, 200 - 50 * y).getRGB());
            }
        }
        Path file = dir.resolve("picture.png");
        ImageIO.write(picture, "png", file.toFile());

        float[] rgb = Pictures.loadImg(file, 3, 3);

        // PIL's nearest neighbour takes the pixel under each output pixel's centre, floor((i + 0.5) * in / out):
        // columns 0.67, 2.0, 3.33 -> 0, 2, 3 and rows 0.33, 1.0, 1.67 -> 0, 1, 1 (OpenCV's bilinear default
        // would blend neighbours; its nearest, floor(i * in / out), would take columns 0, 1, 2)
        int[] columns = {0, 2, 3};
        int[] rows = {0, 1, 1};
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals((10 + 40 * columns[x] + 100 * rows[y]) / 255f, rgb[y * 3 + x], 1e-6);
                assertEquals(5 * columns[x] / 255f, rgb[9 + y * 3 + x], 1e-6);
                assertEquals((200 - 50 * rows[y]) / 255f, rgb[18 + y * 3 + x], 1e-6);
            }
        }
    }

    @Test
    void aRestoredGeneratorGoesOnWithTheSavedOnesPassAndDraws() throws Exception {
        for (String animal : new String[] {"cats", "dogs"}) {
            Files.createDirectories(dir.resolve(animal));
            for (int i = 0; i < 4; i++) { // gradients, so that each augmentation shows
                BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        image.setRGB(x, y, new Color(20 * x, 20 * y, 60 * i).getRGB());
                    }
                }
                ImageIO.write(image, "png", dir.resolve(animal).resolve(animal + i + ".jpg").toFile());
            }
        }
        ImageBatches batches = augmentedBatchesOf5Steps();
        epoch(batches); // 5 batches of 3: the pass of 8 pictures and 7 of the next one
        Serializable saved = Serialised.copy(batches.state());
        List<DataSet> next = epoch(batches);

        ImageBatches resumed = augmentedBatchesOf5Steps();
        epoch(resumed);
        epoch(resumed); // elsewhere in its passes and draws
        resumed.restore(saved);

        assertEquals(next, epoch(resumed));
    }

    private ImageBatches augmentedBatchesOf5Steps() {
        return ImageBatches.flowFromDirectory(dir).augmentation(ImageAugmentation.book()).targetSize(8, 8)
                .batchSize(3).classMode(ClassMode.BINARY).seed(5).build().stepsPerEpoch(5);
    }

    private static List<DataSet> epoch(ImageBatches batches) {
        batches.reset();
        List<DataSet> epoch = new ArrayList<>();
        while (batches.hasNext()) {
            epoch.add(batches.next());
        }
        return epoch;
    }
}
