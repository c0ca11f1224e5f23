package dlwj.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The epochs the book reads off its curves: 1-based, the first where a value repeats. */
class HistoryTest {

    @Test
    void lowestAndHighestEpochs() {
        History history = History.of(Map.of("val_loss", List.of(0.5, 0.3, 0.4, 0.3),
                "val_acc", List.of(0.70, 0.81, 0.79, 0.81)));

        assertEquals(2, history.bestEpoch("val_loss"));
        assertEquals(2, history.highestEpoch("val_acc"));
        assertEquals(0.81, history.highest("val_acc"), 0);
    }
}
