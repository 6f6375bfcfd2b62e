package io.pharos.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes sure the whole suite runs before the system tests do: services already up (for example
 * under {@code ./pharos up}) are used as they are; the others are started from this reactor's
 * build through {@code ./pharos services-up} and stopped again when the tests are done.
 */
public class SuiteRuntime implements LauncherSessionListener {

    public record Service(String name, int port) {
        public String url() {
            return "http://localhost:" + port;
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("ticket-service", 8081), new Service("channel-gateway", 8082),
            new Service("survey-service", 8083), new Service("analytics-service", 8084));

    // HTTP/1.1: the JDK client's h2c upgrade attempt is not answered by the gateway (node), which looked "down"
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** When this test session began: the events published since then are the journeys' (EventContractsIT). */
    public static final Instant SESSION_STARTED = Instant.now();

    /** The federation gateway (Hive Gateway) in front of the subgraphs. */
    public static final String GATEWAY = "http://localhost:4000";

    private final List<String> startedHere = new ArrayList<>();
    private boolean gatewayStartedHere;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        List<String> missing = SERVICES.stream().filter(s -> !ready(s)).map(Service::name).toList();
        if (!missing.isEmpty()) {
            SuiteConsumerGroups.startAtTheEnd(missing);
            pharos("services-up", missing);
            startedHere.addAll(missing);
        }
        if (!ready(GATEWAY + "/readiness")) {
            pharos("gateway-up", List.of());
            gatewayStartedHere = true;
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (gatewayStartedHere) {
            pharos("gateway-down", List.of());
            gatewayStartedHere = false;
        }
        if (!startedHere.isEmpty()) {
            pharos("services-down", startedHere);
            startedHere.clear();
        }
    }

    /**
     * Kills a service the hard way (SIGKILL: no shutdown hooks, nothing flushed), as a crashed
     * pod or a lost node would, and starts it again; returns once it is ready.
     */
    public static void crashAndRestart(String name) {
        Path pidFile = root().resolve(".pharos/run/pids/" + name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
            process.destroyForcibly();
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot kill " + name, e);
        }
        pharos("services-up", List.of(name));
    }

    static boolean ready(Service service) {
        return ready(service.url() + "/q/health/ready");
    }

    static boolean ready(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Path root() {
        return Path.of(System.getProperty("pharos.root", "..")).toAbsolutePath().normalize();
    }

    private static void pharos(String command, List<String> services) {
        Path root = root();
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("pharos").toString(), command));
        cmd.addAll(services);
        try {
            // not inheritIO: the forked test JVM's stdout is the build tool's channel
            Path log = Path.of("target", "pharos-" + command + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int exit = process.waitFor();
            System.out.println("./pharos " + command + " " + String.join(" ", services) + " -> exit " + exit + " (log: " + log + ")");
            if (exit != 0) {
                throw new IllegalStateException("./pharos " + command + " " + services + " failed with exit code " + exit
                        + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ./pharos " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
