package io.switchback.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus server, the {@code prometheus} binary on the PATH (Debian's package), on a free loopback port
 * with a generated configuration and its own storage directory. It scrapes the targets written with
 * {@link #targets} (file-based service discovery), every {@code scrapeInterval}. Closing it stops the process.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String BINARY = "prometheus";
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    /**
     * One scrape target: a pod.
     *
     * @param labels the target's labels (e.g. {@code pod}, {@code namespace}); {@code __metrics_path__} sets the path
     */
    public record Target(String address, Map<String, String> labels) {
    }

    private final Process process;
    private final URI url;
    private final Path targetsFile;
    private final Path log;

    private PrometheusServer(Process process, URI url, Path targetsFile, Path log) {
        this.process = process;
        this.url = url;
        this.targetsFile = targetsFile;
        this.log = log;
    }

    /** The binary on the PATH, if there is one. */
    public static Optional<Path> binary() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, BINARY)).filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts the server in {@code dir} (configuration, targets, storage, log) and waits until it is ready. */
    public static PrometheusServer start(Path binary, Path dir, Duration scrapeInterval) {
        try {
            Files.createDirectories(dir);
            Path targets = dir.resolve("targets.json");
            Files.writeString(targets, "[]");
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, config(scrapeInterval, targets));
            int port = freePort();
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--storage.tsdb.retention.time=2h",
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), targets, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    static String config(Duration scrapeInterval, Path targets) {
        String interval = scrapeInterval.toMillis() + "ms";
        return """
                global:
                  scrape_interval: %1$s
                  scrape_timeout: %1$s
                  evaluation_interval: %1$s
                scrape_configs:
                  - job_name: pods
                    file_sd_configs:
                      - files: ["%2$s"]
                        refresh_interval: 1s
                """.formatted(interval, targets);
    }

    public URI url() {
        return url;
    }

    /** Replaces what the server scrapes; it notices within about a second. */
    public synchronized void targets(List<Target> targets) {
        String json = targets.stream().map(t -> "{\"targets\":[\"" + t.address() + "\"],\"labels\":{"
                + t.labels().entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(",")) + "}}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        try {
            Path next = targetsFile.resolveSibling("targets.json.next");
            Files.writeString(next, json);
            // atomically, so that the server never reads half a file
            Files.move(next, targetsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + targetsFile, e);
        }
    }

    public boolean running() {
        return process.isAlive();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(1)).GET().build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("prometheus was not ready within " + READY_WITHIN.toSeconds() + " s; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
