package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalisationTest {

    @Test
    void meanAndPopulationStdOfTheTrainingRowsOnly() {
        // columns (1, 10), (3, 20), (5, 60) in training; a fourth row (100, 100) after them
        float[] data = {1, 10, 3, 20, 5, 60, 100, 100};

        Normalisation normalisation = Normalisation.of(data, 2, 3);
        normalisation.apply(data);

        // numpy: mean (3, 30), std (sqrt(8/3), sqrt(1400/3))
        assertArrayEquals(new double[] {3, 30}, normalisation.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), Math.sqrt(1400.0 / 3)}, normalisation.std(), 1e-12);
        assertArrayEquals(new float[] {(float) (-2 / Math.sqrt(8.0 / 3)), (float) (-20 / Math.sqrt(1400.0 / 3)), 0,
            (float) (-10 / Math.sqrt(1400.0 / 3)), (float) (2 / Math.sqrt(8.0 / 3)), (float) (30 / Math.sqrt(1400.0 / 3)),
            (float) (97 / Math.sqrt(8.0 / 3)), (float) (70 / Math.sqrt(1400.0 / 3))}, data, 1e-6f);
    }

    @Test
    void aConstantColumnIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Normalisation.of(new float[] {1, 2, 1, 3}, 2, 2));
    }
}
