package dlwj.chapter07;

import dlwj.datasets.files.AtomicFiles;
import dlwj.training.Callback;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Section 7.2.1's callback of your own, the book's {@code ActivationLogger}: at the end of each epoch, the
 * activations of every layer for one validation sample, saved as {@code activations_at_epoch_N.npz} in
 * {@code folder} ({@code np.savez}'s format: {@code arr_0} is the input, {@code arr_1} the first layer's output,
 * and so on; {@code np.load} reads it). Keras numbers epochs from 0, this trainer from 1.
 */
public final class ActivationLogger implements Callback {

    private final INDArray validationSample;
    private final Path folder;

    /** Logs the activations of {@code validationSample}, one sample ([1, features]), into {@code folder}. */
    public ActivationLogger(INDArray validationSample, Path folder) {
        this.validationSample = validationSample;
        this.folder = folder;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        List<INDArray> activations = ((MultiLayerNetwork) training.model()).feedForward(validationSample, false);
        try {
            AtomicFiles.write(file(epoch), temporary -> {
                try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream zip = new ZipOutputStream(out)) {
                    for (int i = 0; i < activations.size(); i++) {
                        // stored, not deflated, as np.savez writes; a row-major copy, as a view would write its
                        // whole buffer
                        byte[] npy = Nd4j.toNpyByteArray(activations.get(i).dup('c'));
                        ZipEntry entry = new ZipEntry("arr_" + i + ".npy");
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(npy.length);
                        CRC32 crc = new CRC32();
                        crc.update(npy);
                        entry.setCrc(crc.getValue());
                        zip.putNextEntry(entry);
                        zip.write(npy);
                        zip.closeEntry();
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the activations to " + file(epoch) + ": " + e.getMessage(), e);
        }
    }

    /** The file of epoch {@code epoch}'s activations. */
    public Path file(int epoch) {
        return folder.resolve("activations_at_epoch_" + epoch + ".npz");
    }
}
