package io.pharos.testing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an NDJSON answer (the imports'): one JSON value per line; a line that is not JSON fails the test. */
public final class Ndjson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Ndjson() {
    }

    public static List<JsonNode> parse(String body) {
        return body.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
    }
}
