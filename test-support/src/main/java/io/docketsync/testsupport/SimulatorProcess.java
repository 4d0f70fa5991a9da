package io.docketsync.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Graph simulator as its own process, as production code meets Graph: over HTTP, through the SDK. Its jar
 * comes from the reactor build (a module that uses it declares a test dependency on graph-simulator's pom, so
 * that Maven builds the simulator first).
 */
public final class SimulatorProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private SimulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * What every test's simulator is started with unless {@link #start} says otherwise: the tests' webhook receivers
     * listen on http://localhost (no certificate), which the simulator, like Graph, refuses unless told to accept
     * http:// to loopback hosts.
     */
    public static final Map<String, String> TEST_DEFAULTS = Map.of(
            "docketsync.simulator.subscriptions.allow-http-loopback-notifications", "true");

    /** Starts the simulator on a free port; {@code config} are simulator settings such as
     * {@code docketsync.simulator.access-token-lifetime=PT5S}, over {@link #TEST_DEFAULTS}. */
    public static SimulatorProcess start(Map<String, String> config) {
        Path jar = findJar();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port));
        Map<String, String> settings = new java.util.LinkedHashMap<>(TEST_DEFAULTS);
        settings.putAll(config);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            File log = Files.createTempFile("graph-simulator-" + port, ".log").toFile();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            SimulatorProcess sim = new SimulatorProcess(p, port);
            Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
            sim.awaitReady(log.toPath());
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Graph simulator: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** Graph's root, e.g. http://localhost:PORT/v1.0 */
    public String graphBaseUrl() {
        return "http://localhost:" + port + "/v1.0";
    }

    /** Entra ID's authority, e.g. http://localhost:PORT (tenants below it). */
    public String authority() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady(Path log) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Graph simulator exited:\n" + Files.readString(log));
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(authority() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("the Graph simulator was not ready in 60 s:\n" + Files.readString(log));
    }

    private static Path findJar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path jar = dir.resolve("graph-simulator/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("graph-simulator/target/quarkus-app/quarkus-run.jar not found above "
                + Path.of("").toAbsolutePath() + ": build graph-simulator first");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
