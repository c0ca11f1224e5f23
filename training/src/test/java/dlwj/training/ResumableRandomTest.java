package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Serializable;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResumableRandomTest {

    /** One of each kind of draw, a Gaussian pair split across calls included. */
    private static String draws(Random random) {
        return random.nextInt() + " " + random.nextInt(1_000) + " " + random.nextLong() + " " + random.nextDouble()
                + " " + random.nextFloat() + " " + random.nextBoolean() + " " + random.nextGaussian();
    }

    @Test
    void drawsWhatJavasRandomOfTheSameSeedDraws() {
        Random java = new Random(42);
        ResumableRandom resumable = new ResumableRandom(42);
        for (int i = 0; i < 5; i++) {
            assertEquals(draws(java), draws(resumable));
        }
        java.setSeed(7);
        resumable.setSeed(7);
        assertEquals(draws(java), draws(resumable));
    }

    @Test
    void aRestoredStateDrawsWhatTheGeneratorDrewAfterIt() {
        ResumableRandom random = new ResumableRandom(3);
        draws(random); // leaves the second value of a Gaussian pair pending
        Serializable saved = Serialised.copy(random.state());
        String afterTheSave = draws(random) + draws(random);

        ResumableRandom resumed = new ResumableRandom(99);
        draws(resumed);
        resumed.restore(saved);
        assertEquals(afterTheSave, draws(resumed) + draws(resumed));
    }
}
