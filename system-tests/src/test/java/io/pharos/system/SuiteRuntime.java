package io.pharos.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> startedHere = new ArrayList<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        List<String> missing = SERVICES.stream().filter(s -> !ready(s)).map(Service::name).toList();
        if (!missing.isEmpty()) {
            pharos("services-up", missing);
            startedHere.addAll(missing);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (!startedHere.isEmpty()) {
            pharos("services-down", startedHere);
            startedHere.clear();
        }
    }

    static boolean ready(Service service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pharos(String command, List<String> services) {
        Path root = Path.of(System.getProperty("pharos.root", "..")).toAbsolutePath().normalize();
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
