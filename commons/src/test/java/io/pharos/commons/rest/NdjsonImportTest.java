package io.pharos.commons.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What an integrator reads back from any import: one result per line, in order, each naming the line's externalId. */
class NdjsonImportTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsAnsweredInOrderWithItsExternalIdEvenWhenItFails() throws Exception {
        String body = String.join("\n",
                "{\"externalId\": \"a-1\", \"ok\": true}",
                "",
                "{\"externalId\": \"a-2\", \"ok\": false}",
                "{\"externalId\": \"a-3\", \"ok\": tru", // malformed: no id can be read
                "[1, 2]",
                "{\"externalId\": \"" + "x".repeat(300) + "\", \"ok\": false}", // too long for the import, still echoed
                "{\"externalId\": \"a-4\", \"padding\": \"" + "p".repeat(500) + "\"}");
        UUID id = UUID.randomUUID();
        List<JsonNode> results = run(body, 400, (number, line) -> {
            if (!JSON.readTree(line).path("ok").asBoolean()) {
                throw ProblemException.badRequest("validation", "not ok");
            }
            return ImportLineResult.done(number, "created", id, JSON.readTree(line).path("externalId").asText()).withNumber(7);
        });

        assertThat(results).hasSize(6);
        assertThat(results.get(0).toString()).isEqualTo("{\"line\":1,\"status\":\"created\",\"id\":\"" + id + "\",\"number\":7,\"externalId\":\"a-1\"}");
        assertThat(results.get(1).path("line").asLong()).as("a blank line is skipped, not answered").isEqualTo(3);
        assertThat(results.get(1).path("externalId").asText()).isEqualTo("a-2");
        assertThat(results.get(1).path("error").path("status").asInt()).isEqualTo(400);
        assertThat(results.get(2).has("externalId")).isFalse();
        assertThat(results.get(2).path("error").path("type").asText()).endsWith("malformed-json");
        assertThat(results.get(3).path("error").path("type").asText()).endsWith("not-an-object");
        assertThat(results.get(4).path("externalId").asText()).hasSize(300);
        assertThat(results.get(5).path("error").path("type").asText()).as("too long: refused unread").endsWith("line-too-long");
        assertThat(results.get(5).has("externalId")).isFalse();
    }

    static List<JsonNode> run(String body, int maxLine, NdjsonImport.LineImporter importer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonImport.stream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), JSON, maxLine, importer).write(out);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
