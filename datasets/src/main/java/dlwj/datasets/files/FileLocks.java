package dlwj.datasets.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to a cache entry, across threads and processes: a lock in this JVM (file locks are
 * held per process) and an OS file lock on {@code <file>.lock} beside the entry.
 */
final class FileLocks {

    /** Work done while holding the lock. */
    interface LockedWork<T> {
        T run() throws IOException;
    }

    private static final ConcurrentHashMap<Path, ReentrantLock> inProcess = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    static <T> T withLock(Path file, LockedWork<T> work) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        ReentrantLock threadLock = inProcess.computeIfAbsent(target, p -> new ReentrantLock());
        threadLock.lock();
        try (FileChannel channel = FileChannel.open(target.resolveSibling(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return work.run();
        } finally {
            threadLock.unlock();
        }
    }
}
