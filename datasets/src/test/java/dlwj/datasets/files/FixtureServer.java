package dlwj.datasets.files;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server for the download tests: serves files by path, counts requests, and can be told
 * to fail the next requests in a given way first.
 */
public final class FixtureServer implements AutoCloseable {

    /**
     * How one request goes wrong; {@code TRICKLE} sends 5 bytes a second until the client hangs up (or
     * 10 s have passed); {@code SILENT} sends nothing at all, not even headers, for 10 s; {@code ENDLESS}
     * sends zeros without a length until the client hangs up (or 64 MB or 10 s have passed).
     */
    public enum Failure { NOT_FOUND, SERVER_ERROR, TRUNCATED, TRICKLE, SILENT, ENDLESS }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private volatile long delayMillis;
    private volatile int paceBytes = Integer.MAX_VALUE;
    private volatile long paceMillis;

    public FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public FixtureServer serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** The next requests fail this way, in order, before files are served normally again. */
    public synchronized FixtureServer failNext(Failure... next) {
        failures.addAll(List.of(next));
        return this;
    }

    /** Slows every response down, so concurrent loaders really overlap. */
    public FixtureServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Sends every body in pieces of {@code bytes}, {@code millis} apart: a slow but steady server. */
    public FixtureServer pace(int bytes, long millis) {
        this.paceBytes = bytes;
        this.paceMillis = millis;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Failure failure;
        synchronized (this) {
            failure = failures.poll();
        }
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            sleep();
            byte[] content = files.get(path);
            if (failure == Failure.NOT_FOUND || content == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (failure == Failure.SERVER_ERROR) {
                exchange.sendResponseHeaders(500, -1);
            } else if (failure == Failure.TRUNCATED) {
                exchange.sendResponseHeaders(200, content.length);
                body.write(content, 0, content.length / 2);
                body.flush(); // closing with bytes missing drops the connection
            } else if (failure == Failure.SILENT) {
                sleep(10_000);
            } else if (failure == Failure.ENDLESS) {
                exchange.sendResponseHeaders(200, 0);
                long end = System.nanoTime() + 10_000_000_000L;
                for (int sent = 0; sent < 1 << 26 && System.nanoTime() < end; sent += 1 << 16) {
                    body.write(new byte[1 << 16]);
                }
            } else if (failure == Failure.TRICKLE) {
                exchange.sendResponseHeaders(200, content.length);
                send(body, content, 5, 1000, 10);
            } else {
                exchange.sendResponseHeaders(200, content.length);
                send(body, content, paceBytes, paceMillis, content.length);
            }
        }
    }

    /** Sends at most {@code pieces} pieces of {@code content}, {@code millis} apart. */
    private static void send(OutputStream body, byte[] content, int bytes, long millis, int pieces)
            throws IOException {
        for (int start = 0, piece = 0; start < content.length && piece < pieces; start += bytes, piece++) {
            if (start > 0) {
                sleep(millis);
            }
            body.write(content, start, Math.min(bytes, content.length - start));
            body.flush();
        }
    }

    private void sleep() {
        sleep(delayMillis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
