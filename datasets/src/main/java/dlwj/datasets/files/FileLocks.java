package dlwj.datasets.files;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive access to a cache entry, across threads and processes: a lock in this JVM (file locks are
 * held per process) and an OS file lock on {@code .<file>.lock} beside the entry (hidden, so that output
 * folders show only what was written), into which the holder
 * writes who it is (process id, host, start time) so that a process waiting for it can say what it waits
 * for. Waits are bounded, and leftovers of an interrupted holder are removed on taking the lock (the OS
 * releases a dead process's lock, so a leftover seen under the lock is nobody's).
 */
final class FileLocks {

    /** How long to wait for another process by default: long enough for a slow download of VGG16. */
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(30);

    /** Work done while holding the lock. */
    interface LockedWork<T> {
        T run() throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(FileLocks.class);
    private static final long POLL_MILLIS = 200;
    private static final ConcurrentHashMap<Path, ReentrantLock> inProcess = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** Runs {@code work} holding {@code file}'s lock, waiting at most {@code maxWait} for it; reentrant. */
    static <T> T withLock(Path file, Duration maxWait, LockedWork<T> work) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        ReentrantLock threadLock = inProcess.computeIfAbsent(target, p -> new ReentrantLock());
        if (threadLock.isHeldByCurrentThread()) {
            return work.run();
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            if (!threadLock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw gaveUp(target, maxWait, "another thread of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + target, e);
        }
        try (FileChannel channel = FileChannel.open(target.resolveSibling("." + target.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = acquire(channel, target, maxWait, deadline)) {
            channel.truncate(0).write(ByteBuffer.wrap(whoAmI().getBytes(StandardCharsets.UTF_8)), 0);
            AtomicFiles.removeLeftovers(target);
            return work.run();
        } finally {
            threadLock.unlock();
        }
    }

    private static FileLock acquire(FileChannel channel, Path target, Duration maxWait, long deadline)
            throws IOException {
        FileLock lock = channel.tryLock();
        if (lock != null) {
            return lock;
        }
        log.info("Waiting for {} to finish with {} (giving up after {})", holder(channel), target,
                DownloadProgress.duration(maxWait));
        while ((lock = channel.tryLock()) == null) {
            if (System.nanoTime() - deadline > 0) {
                throw gaveUp(target, maxWait, holder(channel));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + target, e);
            }
        }
        return lock;
    }

    private static IOException gaveUp(Path target, Duration waited, String holder) {
        return new IOException("gave up after waiting " + DownloadProgress.duration(waited) + " for " + holder + " to finish with "
                + target + ": let it finish, or stop it, and run again");
    }

    /** Who holds the lock, as the holder wrote it into the lock file. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(512);
            channel.read(content, 0);
            String holder = new String(content.array(), 0, content.position(), StandardCharsets.UTF_8).strip();
            return holder.isEmpty() ? "another process" : holder;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String whoAmI() {
        ProcessHandle self = ProcessHandle.current();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "an unknown host";
        }
        return "process " + self.pid() + " on " + host + " (started "
                + self.info().startInstant().map(Instant::toString).orElse("at an unknown time") + ")\n";
    }
}
