package dlwj.cli;

/** Draws a grayscale image as text, for a quick look at a sample in the terminal. */
final class AsciiImage {

    private static final String RAMP = " .:-=+*#%@";

    private AsciiImage() {
    }

    /**
     * Renders {@code pixels} (rows of values from 0 to {@code max}) at most {@code columns} characters wide,
     * two pixels per character horizontally for every pixel row sampled, so the proportions hold.
     */
    static String render(float[][] pixels, float max, int columns) {
        int height = pixels.length;
        int width = pixels[0].length;
        double step = Math.max(1.0, (double) width / columns);
        StringBuilder text = new StringBuilder();
        for (double y = 0; y < height; y += 2 * step) {
            text.append("    ");
            for (double x = 0; x < width; x += step) {
                float value = pixels[(int) y][(int) x] / max;
                int level = Math.min(RAMP.length() - 1, Math.max(0, Math.round(value * (RAMP.length() - 1))));
                text.append(RAMP.charAt(level));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
