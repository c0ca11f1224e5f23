package dlwj.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An HTTP response body read as an {@link InputStream} (as {@code BodyHandlers.ofInputStream()} gives
 * it) whose reads fail when the transfer stalls: when fewer than {@link #MIN_PROGRESS} bytes arrive in
 * {@code stallTimeout}. {@code ofInputStream}'s reads block forever on a server that sends nothing, or
 * five bytes a second; the request timeout covers only the response headers. While a read waits, a line
 * says so every {@link DownloadProgress#LOG_INTERVAL}.
 */
final class StallGuardedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** The least a transfer must bring in each stall timeout to count as moving. */
    static final int MIN_PROGRESS = 1024;

    private static final Object END = new Object();

    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final Duration stallTimeout;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> buffers = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;
    private long received;
    private long progressMark;
    private long progressMarkNanos = System.nanoTime();
    private Consumer<Duration> whileWaiting = quiet -> { };

    StallGuardedBody(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /**
     * Has {@code report} called with the time since data last arrived, every
     * {@link DownloadProgress#LOG_INTERVAL} that a read waits for more.
     */
    void whileWaiting(Consumer<Duration> report) {
        this.whileWaiting = report;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (closed) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        arrivals.add(items);
    }

    @Override
    public void onError(Throwable failure) {
        arrivals.add(failure);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (ended) {
                return -1;
            }
            if (buffers.hasNext()) {
                current = buffers.next();
            } else {
                takeArrival();
            }
        }
        int n = Math.min(length, current.remaining());
        current.get(bytes, offset, n);
        received += n;
        if (received - progressMark >= MIN_PROGRESS) {
            progressMark = received;
            progressMarkNanos = System.nanoTime();
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private void takeArrival() throws IOException {
        Object next;
        try {
            // what already arrived counts even when this reader was the slow one
            next = arrivals.poll();
            long waitStart = System.nanoTime();
            while (next == null) {
                long left = progressMarkNanos + stallTimeout.toNanos() - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("it stalled (less than " + DownloadProgress.bytes(MIN_PROGRESS) + " in "
                            + DownloadProgress.duration(stallTimeout) + ")");
                }
                next = arrivals.poll(Math.min(left, DownloadProgress.LOG_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
                if (next == null && System.nanoTime() - waitStart >= DownloadProgress.LOG_INTERVAL.toNanos()) {
                    whileWaiting.accept(Duration.ofNanos(System.nanoTime() - progressMarkNanos));
                    waitStart = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (next == END) {
            ended = true;
        } else if (next instanceof Throwable failure) {
            throw failure instanceof IOException e ? e : new IOException(failure);
        } else {
            buffers = ((List<ByteBuffer>) next).iterator();
            subscription.request(1);
        }
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
    }
}
