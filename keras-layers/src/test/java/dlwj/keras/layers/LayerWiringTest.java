package dlwj.keras.layers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The layers refuse a backend whose arrays are not host memory, with one line, instead of computing garbage. */
class LayerWiringTest {

    @Test
    void anotherBackendThanTheCpusIsRefusedSayingWhatToDo() {
        UnsupportedBackendException e = assertThrows(UnsupportedBackendException.class, () -> LayerWiring.requireCpu(false, "Lstm"));

        assertTrue(e.getMessage().startsWith("dlwj.keras.layers.Lstm runs on ND4J's CPU backend only (it reads "
                + "and writes host memory), and this is "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": build the model from DL4J's own layers, or run without -Dcuda"),
                e.getMessage());
    }

    @Test
    void theCpuBackendIsTaken() {
        assertDoesNotThrow(() -> LayerWiring.requireCpu(true, "Dense"));
    }
}
