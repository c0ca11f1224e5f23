package dlwj.datasets.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file through a temporary file beside it, renamed into place: a failed write leaves nothing.
 * The temporary files ({@code .<name>.<number>.part}) and folders ({@code .<name>.<number>}) are
 * created with the permissions the user's umask gives (not {@code createTempFile}'s owner-only ones); in the
 * data cache, those an interrupted process left behind are removed by the next one that locks the same
 * target.
 */
public final class AtomicFiles {

    /** Writes the content to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /**
     * Creates the parent folders, writes through a temporary file and returns {@code file}: whoever reads
     * {@code file} sees the old content or the new, never part of it. No lock file is left beside it, so an
     * output folder holds what was written and nothing else.
     */
    public static Path write(Path file, Writer writer) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = temporaryFile(file);
        try {
            writer.write(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    /** A new empty file {@code .<name>.<number>.part} beside {@code target}. */
    static Path temporaryFile(Path target) throws IOException {
        while (true) {
            try {
                return Files.createFile(temporaryName(target, ".part"));
            } catch (FileAlreadyExistsException e) {
                // another number
            }
        }
    }

    /** A new empty folder {@code .<name>.<number>} beside {@code target}. */
    static Path temporaryFolder(Path target) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(temporaryName(target, ""));
            } catch (FileAlreadyExistsException e) {
                // another number
            }
        }
    }

    private static Path temporaryName(Path target, String suffix) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix);
    }

    /**
     * Deletes the temporary files and folders of {@code target} that an interrupted process left; call it
     * only while holding {@code target}'s lock, which every writer of them holds.
     */
    static void removeLeftovers(Path target) throws IOException {
        Pattern leftover = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.\\d+(\\.part)?");
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                p -> leftover.matcher(p.getFileName().toString()).matches())) {
            for (Path stale : siblings) {
                log.info("Removing {}, left by an interrupted download, extraction or save", stale);
                deleteTree(stale);
            }
        }
    }

    /** Deletes a file, or a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
