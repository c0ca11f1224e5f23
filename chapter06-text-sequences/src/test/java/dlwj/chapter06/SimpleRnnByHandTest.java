package dlwj.chapter06;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dlwj.cli.ExampleRun;
import org.junit.jupiter.api.Test;

/** Listing 6.21's loop and the SimpleRNN layer give the same outputs for the same weights. */
class SimpleRnnByHandTest {

    @Test
    void theLoopIsWhatTheLayerComputes() {
        ExampleRun run = ExampleRun.of(new SimpleRnnByHand(), "--seed", "3");

        assertEquals(0, run.status(), "exit 1 when the two differ\n" + run.output());
        assertTrue(run.output().contains("final_output_sequence: shape (100, 64)"), run.output());
        assertTrue(run.output().contains("outputs within 0.001 of 1: 6400 of 6400"), run.output());
        // the comparison is made where tanh is far from saturating
        assertTrue(run.output().matches("(?s).*outputs from -0\\.[0-8]\\d\\d to 0\\.[0-8]\\d\\d, largest difference.*"),
                run.output());
    }
}
