package io.pharos.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed schemas in docs/events/schemas are the published contract. The records may grow
 * compatibly; a removed or retyped field fails here. Any difference at all means the published
 * schema is stale: {@code ./mvnw -pl contracts test -Dpharos.schemas.update=true} rewrites them.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of(System.getProperty("pharos.schemas.dir", "../docs/events/schemas"));
    private static final boolean UPDATE = Boolean.getBoolean("pharos.schemas.update");

    private final EventSchemaGenerator generator = new EventSchemaGenerator();

    static Path file(EventType<?> type) {
        return DIR.resolve(type.name() + ".schema.json");
    }

    @Test
    void everyEventTypeHasItsPublishedSchemaAndNoChangeBreaksIt() throws IOException {
        List<String> problems = new ArrayList<>();
        for (EventType<?> type : EventCatalog.ALL) {
            ObjectNode generated = generator.schema(type);
            Path file = file(type);
            if (!Files.exists(file)) {
                if (UPDATE) {
                    write(file, generated);
                } else {
                    problems.add(type + ": no published schema " + file + " (run with -Dpharos.schemas.update=true)");
                }
                continue;
            }
            JsonNode committed = JSON.readTree(file.toFile());
            SchemaCompatibility.breakingChanges(committed.path("properties").path("data"), generated.path("properties").path("data"))
                    .forEach(change -> problems.add(type + " data" + change + " (incompatible: add a new event type instead)"));
            if (!committed.equals(generated)) {
                if (UPDATE) {
                    write(file, generated);
                } else {
                    problems.add(type + ": the published schema is stale (run with -Dpharos.schemas.update=true)");
                }
            }
        }
        assertThat(problems).as("event schemas").isEmpty();
    }

    @Test
    void noPublishedSchemaWithoutItsEventType() throws IOException {
        Set<String> known = EventCatalog.ALL.stream().map(t -> t.name() + ".schema.json").collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".schema.json")))
                    .as("schemas in %s", DIR).allMatch(known::contains);
        }
    }

    @Test
    void aRemovedOrRetypedFieldIsCaught() throws IOException {
        JsonNode before = JSON.readTree("""
                {"type":"object","required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"integer"},
                 "c":{"enum":["x","y"]},"d":{"type":["string","null"]}}}""");
        JsonNode after = JSON.readTree("""
                {"type":"object","required":["a","d"],"properties":{"a":{"type":"integer"},"c":{"enum":["x"]},
                 "d":{"type":["string","null"]},"e":{"type":"string"}}}""");
        assertThat(SchemaCompatibility.breakingChanges(before, after)).containsExactlyInAnyOrder(
                "/a: type [string] became [integer]", "/b: field removed", "/c: enum value 'y' removed",
                "/d: optional field became required");
        assertThat(SchemaCompatibility.breakingChanges(before, before)).isEmpty();
    }

    private static void write(Path file, JsonNode schema) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(schema) + "\n");
    }
}
