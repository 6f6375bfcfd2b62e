package io.pharos.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a consumer written against the committed schema would trip over in the new one: a field
 * removed, a field's type changed, an enum value removed, a field newly required. Additions of
 * optional fields and new enum values are compatible (consumers ignore what they do not know).
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static List<String> breakingChanges(JsonNode committed, JsonNode generated) {
        List<String> problems = new ArrayList<>();
        compare("", committed, generated, problems);
        return problems;
    }

    private static void compare(String path, JsonNode old, JsonNode now, List<String> problems) {
        if (!types(old).equals(types(now)) && !types(now).containsAll(types(old))) {
            problems.add(path + ": type " + types(old) + " became " + types(now));
        }
        if (old.has("enum")) {
            Set<String> kept = values(now.path("enum"));
            for (JsonNode value : old.get("enum")) {
                if (!kept.contains(value.asText())) {
                    problems.add(path + ": enum value '" + value.asText() + "' removed");
                }
            }
        }
        if (old.has("const") && !old.get("const").equals(now.get("const"))) {
            problems.add(path + ": constant " + old.get("const") + " became " + now.get("const"));
        }
        Set<String> wasRequired = values(old.path("required"));
        for (String name : values(now.path("required"))) {
            if (!wasRequired.contains(name) && old.path("properties").has(name)) {
                problems.add(path + "/" + name + ": optional field became required");
            }
        }
        old.path("properties").fields().forEachRemaining(field -> {
            JsonNode next = now.path("properties").get(field.getKey());
            if (next == null) {
                problems.add(path + "/" + field.getKey() + ": field removed");
            } else {
                compare(path + "/" + field.getKey(), field.getValue(), next, problems);
            }
        });
        if (old.has("items") && now.has("items")) {
            compare(path + "[]", old.get("items"), now.get("items"), problems);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        return type.isArray() ? values(type) : Set.of(type.asText());
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
