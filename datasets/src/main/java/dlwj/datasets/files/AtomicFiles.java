package dlwj.datasets.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file through a temporary file beside it, renamed into place: a failed write leaves nothing. */
public final class AtomicFiles {

    /** Writes the content to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Creates the parent folders, writes through a temporary file, and returns {@code file}. */
    public static Path write(Path file, Writer writer) throws IOException {
        Path parent = Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(parent, "." + file.getFileName() + ".", ".part");
        try {
            writer.write(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }
}
