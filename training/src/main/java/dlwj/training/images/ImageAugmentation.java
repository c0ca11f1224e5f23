package dlwj.training.images;

import java.util.Random;

/**
 * Keras' {@code ImageDataGenerator} random transformations, as the book's Keras (2.0) applies them: one
 * affine transform per image composed of a rotation, a shift, a shear and a zoom (in that order, about the
 * image centre), sampled at the nearest pixel with the border pixels repeated outside the image
 * ({@code fill_mode='nearest'}), then a horizontal flip with probability 0.5. Shear is in radians, as in
 * that Keras version; rotation in degrees; shifts and zoom as fractions of the image.
 *
 * <pre>{@code
 * // ImageDataGenerator(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, shear_range=0.2,
 * //                    zoom_range=0.2, horizontal_flip=True, fill_mode='nearest')
 * ImageAugmentation augmentation = ImageAugmentation.book();
 * }</pre>
 */
public record ImageAugmentation(double rotationRange, double widthShiftRange, double heightShiftRange,
                                double shearRange, double zoomRange, boolean horizontalFlip) {

    /** {@code ImageDataGenerator()}'s defaults: no random transformation, every picture as it is. */
    public static ImageAugmentation none() {
        return new ImageAugmentation(0, 0, 0, 0, 0, false);
    }

    /** The settings of the book's listing 5.11. */
    public static ImageAugmentation book() {
        return new ImageAugmentation(40, 0.2, 0.2, 0.2, 0.2, true);
    }

    /**
     * A randomly transformed copy of one image, channels first ({@code channels x height x width} values,
     * row-major), the same transform for every channel.
     */
    public float[] apply(float[] image, int channels, int height, int width, Random random) {
        double theta = Math.toRadians(uniform(random, rotationRange));
        double tx = uniform(random, heightShiftRange) * height;
        double ty = uniform(random, widthShiftRange) * width;
        double shear = uniform(random, shearRange);
        double zx = zoomRange == 0 ? 1 : 1 - zoomRange + 2 * zoomRange * random.nextDouble();
        double zy = zoomRange == 0 ? 1 : 1 - zoomRange + 2 * zoomRange * random.nextDouble();

        // transform = rotation . shift . shear . zoom, in (row, column) coordinates
        double[][] transform = multiply(multiply(multiply(
                new double[][] {{Math.cos(theta), -Math.sin(theta), 0}, {Math.sin(theta), Math.cos(theta), 0}, {0, 0, 1}},
                new double[][] {{1, 0, tx}, {0, 1, ty}, {0, 0, 1}}),
                new double[][] {{1, -Math.sin(shear), 0}, {0, Math.cos(shear), 0}, {0, 0, 1}}),
                new double[][] {{zx, 0, 0}, {0, zy, 0}, {0, 0, 1}});
        // about the image centre: offset . transform . reset
        double oRow = height / 2.0 + 0.5;
        double oColumn = width / 2.0 + 0.5;
        transform = multiply(multiply(new double[][] {{1, 0, oRow}, {0, 1, oColumn}, {0, 0, 1}}, transform),
                new double[][] {{1, 0, -oRow}, {0, 1, -oColumn}, {0, 0, 1}});
        boolean flip = horizontalFlip && random.nextDouble() < 0.5;

        float[] result = new float[image.length];
        int plane = height * width;
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                // each output pixel takes the input pixel its coordinates map to (scipy's affine_transform)
                int sourceRow = clamp((int) Math.round(transform[0][0] * row + transform[0][1] * column + transform[0][2]), height);
                int sourceColumn = clamp((int) Math.round(transform[1][0] * row + transform[1][1] * column + transform[1][2]), width);
                int target = row * width + (flip ? width - 1 - column : column);
                int source = sourceRow * width + sourceColumn;
                for (int c = 0; c < channels; c++) {
                    result[c * plane + target] = image[c * plane + source];
                }
            }
        }
        return result;
    }

    private static double uniform(Random random, double range) {
        return range == 0 ? 0 : -range + 2 * range * random.nextDouble();
    }

    /** {@code fill_mode='nearest'}: coordinates outside the image take the nearest border pixel. */
    private static int clamp(int index, int size) {
        return Math.max(0, Math.min(size - 1, index));
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] product = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    product[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return product;
    }
}
