package io.pharos.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The schema contract between the services and the gateway. Every subgraph's SDL is checked in
 * under {@code deploy/gateway/subgraphs/NAME.graphql} and composed (Federation v2,
 * {@code deploy/gateway/compose.mjs}) into the checked-in {@code deploy/gateway/supergraph.graphql}.
 * A service's test compares its live {@code _service { sdl }} with its file: schema drift fails the
 * build with a message saying how to update (run the tests with {@code -Dpharos.schema.update=true}).
 */
public final class Supergraph {

    public static final Path GATEWAY = Path.of("..", "deploy", "gateway").toAbsolutePath().normalize();
    public static final Path SUBGRAPHS = GATEWAY.resolve("subgraphs");
    public static final Path SUPERGRAPH = GATEWAY.resolve("supergraph.graphql");

    public record Result(int exit, String output) {
    }

    private Supergraph() {
    }

    static boolean updating() {
        return Boolean.getBoolean("pharos.schema.update");
    }

    /** Installs the pinned composition tooling (npm ci) when it is not there yet. */
    public static void ensureTooling() throws IOException, InterruptedException {
        if (!Files.isDirectory(GATEWAY.resolve("node_modules/@theguild/federation-composition"))) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
            if (npm.exit() != 0) {
                throw new AssertionError("npm ci in deploy/gateway failed: " + npm.output());
            }
        }
    }

    /**
     * Null when the live SDL equals the checked-in one (or was just written, when updating);
     * otherwise a message for the failing assertion.
     */
    public static String drift(String name, String liveSdl) throws IOException {
        Path file = SUBGRAPHS.resolve(name + ".graphql");
        String live = liveSdl.strip() + "\n";
        if (updating()) {
            Files.createDirectories(SUBGRAPHS);
            Files.writeString(file, live);
            return null;
        }
        String current = Files.exists(file) ? Files.readString(file) : "";
        return current.equals(live) ? null
                : "The " + name + " subgraph schema differs from " + GATEWAY.relativize(file).toString() + " (checked in): "
                        + "review the change and run `./mvnw test -Dpharos.schema.update=true` to update the subgraph files and "
                        + "the supergraph.";
    }

    /** Composes the given subgraph files (name → file). */
    public static Result compose(Map<String, Path> subgraphs, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "compose.mjs"));
        command.addAll(List.of(options));
        subgraphs.forEach((name, file) -> command.add(name + "=" + file));
        return run(command);
    }

    /** Composes every checked-in subgraph and checks (or, when updating, writes) the supergraph. */
    public static Result composeCheckedIn() throws IOException, InterruptedException {
        return compose(checkedIn(), updating() ? "--out" : "--check", SUPERGRAPH.toString());
    }

    /** Lints the public API composed from the checked-in subgraphs against the known gaps (schema-check.mjs lint). */
    public static Result lintCheckedIn() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "schema-check.mjs", "lint", "--baseline", "schema-lint-baseline.txt"));
        checkedIn().forEach((name, file) -> command.add(name + "=" + file));
        return run(command);
    }

    /** The breaking changes from one supergraph file to another (schema-check.mjs diff); exit 1 when there is one. */
    public static Result breakingChanges(Path before, Path after) throws IOException, InterruptedException {
        return run(List.of("node", "schema-check.mjs", "diff", before.toString(), after.toString()));
    }

    public static Map<String, Path> checkedIn() throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(SUBGRAPHS)) {
            list.filter(p -> p.toString().endsWith(".graphql"))
                    .forEach(p -> files.put(p.getFileName().toString().replace(".graphql", ""), p));
        }
        return files;
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(GATEWAY.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
