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

    /** How one request goes wrong. */
    public enum Failure { NOT_FOUND, SERVER_ERROR, TRUNCATED }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private volatile long delayMillis;

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
            } else {
                exchange.sendResponseHeaders(200, content.length);
                body.write(content);
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
