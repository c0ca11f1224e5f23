package dlwj.training.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageAugmentationTest {

    private static final int C = 3;
    private static final int H = 12;
    private static final int W = 16;

    /** Every pixel distinct: value = channel * 1000 + row * 100 + column, scaled into [0, 1]. */
    private static float[] image() {
        float[] pixels = new float[C * H * W];
        for (int c = 0; c < C; c++) {
            for (int row = 0; row < H; row++) {
                for (int column = 0; column < W; column++) {
                    pixels[(c * H + row) * W + column] = (c * 1000 + row * 100 + column) / 3000f;
                }
            }
        }
        return pixels;
    }

    @Test
    void theFlipMirrorsColumnsExactly() {
        ImageAugmentation flipOnly = new ImageAugmentation(0, 0, 0, 0, 0, true);
        float[] original = image();
        Random random = new Random(1);
        int flipped = 0;
        for (int trial = 0; trial < 40; trial++) {
            float[] result = flipOnly.apply(original, C, H, W, random);
            if (Arrays.equals(result, original)) {
                continue;
            }
            flipped++;
            for (int c = 0; c < C; c++) {
                for (int row = 0; row < H; row++) {
                    for (int column = 0; column < W; column++) {
                        assertEquals(original[(c * H + row) * W + (W - 1 - column)], result[(c * H + row) * W + column]);
                    }
                }
            }
        }
        assertTrue(flipped > 10 && flipped < 30, "about half flipped: " + flipped);
    }

    @Test
    void noTransformIsTheIdentity() {
        float[] original = image();
        assertArrayEquals(original, new ImageAugmentation(0, 0, 0, 0, 0, false).apply(original, C, H, W, new Random(2)));
    }

    @Test
    void theBooksTransformsKeepShapeAndValuesAndTheSeedDecides() {
        float[] original = image();
        ImageAugmentation book = ImageAugmentation.book();
        float[] first = book.apply(original, C, H, W, new Random(7));
        float[] again = book.apply(original, C, H, W, new Random(7));
        float[] other = book.apply(original, C, H, W, new Random(8));

        assertEquals(original.length, first.length);
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        float[] values = original.clone();
        Arrays.sort(values);
        for (float value : first) {
            assertTrue(Arrays.binarySearch(values, value) >= 0, "every output pixel is an input pixel (nearest)");
        }
        // the same transform for every channel: channel 1 is channel 0 plus 1000 / 3000
        for (int p = 0; p < H * W; p++) {
            assertEquals(first[p] + 1000 / 3000f, first[H * W + p], 1e-6);
        }
    }

    @Test
    void aShiftMovesThePictureAndRepeatsTheBorder() {
        // height shift only: the sampled fraction is in [-0.25, 0.25] of 12 rows
        ImageAugmentation shift = new ImageAugmentation(0, 0, 0.25, 0, 0, false);
        float[] original = image();
        float[] shifted = shift.apply(original, C, H, W, new Random(3));
        // each output row is one whole input row (columns unchanged), and rows keep their order
        int previous = -1;
        for (int row = 0; row < H; row++) {
            int source = Math.round(shifted[row * W] * 3000) / 100;
            for (int column = 0; column < W; column++) {
                assertEquals(original[source * W + column], shifted[row * W + column]);
            }
            assertTrue(source >= previous);
            previous = source;
        }
    }
}
