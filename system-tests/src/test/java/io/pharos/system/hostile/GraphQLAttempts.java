package io.pharos.system.hostile;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile GraphQL requests: every mutation of the schema (read by introspection) with each argument,
 * and each field of an input-object argument, replaced in turn by hostile variables; plus documents
 * built to exhaust a server (depth, alias, field and directive bombs, fragment cycles) sent to the
 * gateway and to every subgraph.
 */
final class GraphQLAttempts {

    static final String INTROSPECTION = """
            { __schema { mutationType { fields { name args { name type { ...T } } type { ...T } } }
              types { name kind enumValues { name } inputFields { name type { ...T } } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }""";

    private final JsonNode schema;
    private final Map<String, JsonNode> types = new HashMap<>();
    private final Function<String, String> idFor;

    /** idFor: the value of an ID argument by "mutation.argument" (the victim ticket for ticket ids). */
    GraphQLAttempts(JsonNode introspection, Function<String, String> idFor) {
        this.schema = introspection.path("data").path("__schema");
        this.idFor = idFor;
        schema.path("types").forEach(t -> types.put(t.path("name").asText(), t));
    }

    List<Attempt> mutations(URI gateway, String token) {
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode field : schema.path("mutationType").path("fields")) {
            String name = field.path("name").asText();
            ObjectNode base = HostileValues.NODES.objectNode();
            StringBuilder declared = new StringBuilder();
            StringBuilder passed = new StringBuilder();
            for (JsonNode arg : field.path("args")) {
                String argName = arg.path("name").asText();
                base.set(argName, example(arg.path("type"), name + "." + argName, 0));
                declared.append(declared.isEmpty() ? "" : ", ").append('$').append(argName).append(": ").append(typeRef(arg.path("type")));
                passed.append(passed.isEmpty() ? "" : ", ").append(argName).append(": $").append(argName);
            }
            String selection = isComposite(field.path("type")) ? " { __typename }" : "";
            String document = "mutation" + (declared.isEmpty() ? "" : "(" + declared + ")") + " { " + name
                    + (passed.isEmpty() ? "" : "(" + passed + ")") + selection + " }";
            for (JsonNode arg : field.path("args")) {
                String argName = arg.path("name").asText();
                for (JsonNode value : hostileFor(arg.path("type"))) {
                    ObjectNode variables = base.deepCopy();
                    variables.set(argName, value);
                    attempts.add(post("mutation " + name + "(" + argName + ")", gateway, token, document, variables));
                }
                JsonNode input = types.get(named(arg.path("type")));
                if (input != null && "INPUT_OBJECT".equals(input.path("kind").asText()) && base.get(argName) instanceof ObjectNode object) {
                    for (JsonNode f : input.path("inputFields")) {
                        for (JsonNode value : hostileFor(f.path("type"))) {
                            ObjectNode variables = base.deepCopy();
                            ObjectNode changed = object.deepCopy();
                            changed.set(f.path("name").asText(), value);
                            variables.set(argName, changed);
                            attempts.add(post("mutation " + name + "(" + argName + "." + f.path("name").asText() + ")", gateway, token,
                                    document, variables));
                        }
                    }
                }
            }
        }
        return attempts;
    }

    /** Documents meant to exhaust the server, for the gateway and each subgraph's own /graphql. */
    static List<Attempt> bombs(URI endpoint, String token) {
        List<String> documents = new ArrayList<>();
        StringBuilder deep = new StringBuilder("{ tickets(first: 100) { edges { node { id");
        StringBuilder close = new StringBuilder(" } } }");
        for (int i = 0; i < 12; i++) {
            deep.append(" requester { tickets(first: 100) { edges { node { id");
            close.append(" } } } }");
        }
        documents.add(deep + close.toString() + " }");
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 2_000; i++) {
            aliases.append(" a").append(i).append(": tickets(first: 100) { edges { node { id subject } } }");
        }
        documents.add(aliases + " }");
        documents.add("{ me { " + "tenant ".repeat(50_000) + "} }");
        documents.add("{ me { tenant " + "@include(if: true) ".repeat(10_000) + "} }");
        documents.add("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }");
        documents.add("{ tickets(first: 2147483647) { edges { node { id } } } }");
        documents.add("{ tickets(first: -5) { edges { node { id } } } }");
        documents.add("{" + "{".repeat(5_000) + "}".repeat(5_000) + "}");
        documents.add("{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }");
        documents.add("query($a: String) { me { tenant } }");
        List<Attempt> attempts = new ArrayList<>();
        for (String d : documents) {
            ObjectNode body = HostileValues.NODES.objectNode().put("query", d);
            attempts.add(Attempt.of("graphql bomb", "POST", endpoint, "/graphql", HostileValues.bytes(body), "application/json", token));
        }
        ArrayNode batch = HostileValues.NODES.arrayNode();
        for (int i = 0; i < 500; i++) {
            batch.add(HostileValues.NODES.objectNode().put("query", "{ tickets(first: 100) { edges { node { id } } } }"));
        }
        attempts.add(Attempt.of("graphql batch", "POST", endpoint, "/graphql", HostileValues.bytes(batch), "application/json", token));
        for (byte[] whole : HostileValues.wholeBodies()) {
            attempts.add(Attempt.of("graphql body", "POST", endpoint, "/graphql", whole, "application/json", token));
        }
        attempts.add(Attempt.of("graphql bad token", "POST", endpoint, "/graphql",
                HostileValues.bytes(HostileValues.NODES.objectNode().put("query", "{ me { tenant } }")), "application/json",
                "eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiJhY21lIn0."));
        return attempts;
    }

    private static Attempt post(String label, URI gateway, String token, String document, ObjectNode variables) {
        ObjectNode body = HostileValues.NODES.objectNode().put("query", document);
        body.set("variables", variables);
        return Attempt.of(label, "POST", gateway, "/graphql", HostileValues.bytes(body), "application/json", token);
    }

    private List<JsonNode> hostileFor(JsonNode type) {
        String named = named(type);
        JsonNode t = types.get(named);
        String kind = t == null ? "SCALAR" : t.path("kind").asText();
        List<JsonNode> values = new ArrayList<>();
        values.add(HostileValues.NODES.textNode(HostileValues.KB_100));
        values.add(HostileValues.NODES.textNode(HostileValues.NUL));
        values.add(HostileValues.NODES.nullNode());
        values.add(HostileValues.NODES.objectNode().put("nested", "object"));
        switch (kind) {
            case "ENUM" -> values.add(HostileValues.NODES.textNode("NOT_A_VALUE"));
            case "INPUT_OBJECT" -> values.add(HostileValues.NODES.arrayNode().add(1));
            default -> {
                switch (named) {
                    case "Int" -> values.add(HostileValues.NODES.numberNode(2147483648L));
                    case "Float" -> values.add(HostileValues.NODES.textNode("NaN"));
                    case "DateTime", "Instant", "Date" -> {
                        values.add(HostileValues.NODES.textNode("9999-12-31T23:59:59Z"));
                        values.add(HostileValues.NODES.textNode("0000-01-01T00:00:00Z"));
                        values.add(HostileValues.NODES.textNode("garbage"));
                    }
                    case "ID" -> values.add(HostileValues.NODES.textNode("not-an-id"));
                    default -> values.add(HostileValues.NODES.textNode("   "));
                }
            }
        }
        if (isList(type)) {
            ArrayNode many = HostileValues.NODES.arrayNode();
            for (int i = 0; i < 5_000; i++) {
                many.add("x" + i);
            }
            values.add(many);
        }
        return values;
    }

    private JsonNode example(JsonNode type, String path, int depth) {
        if ("NON_NULL".equals(type.path("kind").asText())) {
            return example(type.path("ofType"), path, depth);
        }
        if ("LIST".equals(type.path("kind").asText())) {
            return HostileValues.NODES.arrayNode().add(example(type.path("ofType"), path, depth));
        }
        String named = type.path("name").asText();
        JsonNode t = types.get(named);
        String kind = t == null ? "SCALAR" : t.path("kind").asText();
        if ("ENUM".equals(kind)) {
            return HostileValues.NODES.textNode(t.path("enumValues").get(0).path("name").asText());
        }
        if ("INPUT_OBJECT".equals(kind)) {
            ObjectNode o = HostileValues.NODES.objectNode();
            if (depth < 3) {
                for (JsonNode f : t.path("inputFields")) {
                    o.set(f.path("name").asText(), example(f.path("type"), path + "." + f.path("name").asText(), depth + 1));
                }
            }
            return o;
        }
        return switch (named) {
            case "Int" -> HostileValues.NODES.numberNode(1);
            case "Float", "BigDecimal" -> HostileValues.NODES.numberNode(1.5);
            case "Boolean" -> HostileValues.NODES.booleanNode(false);
            case "ID" -> HostileValues.NODES.textNode(idFor.apply(path));
            case "DateTime", "Instant" -> HostileValues.NODES.textNode(java.time.Instant.now().toString());
            case "Date" -> HostileValues.NODES.textNode(java.time.LocalDate.now().toString());
            default -> HostileValues.NODES.textNode(path.endsWith("email") ? "hostile-" + UUID.randomUUID() + "@example.test" : "hostile");
        };
    }

    private boolean isComposite(JsonNode type) {
        JsonNode t = types.get(named(type));
        String kind = t == null ? "SCALAR" : t.path("kind").asText();
        return kind.equals("OBJECT") || kind.equals("INTERFACE") || kind.equals("UNION");
    }

    private static boolean isList(JsonNode type) {
        JsonNode t = type;
        while (t != null && !t.isMissingNode() && !t.isNull()) {
            if ("LIST".equals(t.path("kind").asText())) {
                return true;
            }
            t = t.path("ofType");
        }
        return false;
    }

    private static String named(JsonNode type) {
        JsonNode t = type;
        while (t.path("name").isNull() || t.path("name").isMissingNode()) {
            t = t.path("ofType");
            if (t.isMissingNode()) {
                return "";
            }
        }
        return t.path("name").asText();
    }

    private static String typeRef(JsonNode type) {
        return switch (type.path("kind").asText()) {
            case "NON_NULL" -> typeRef(type.path("ofType")) + "!";
            case "LIST" -> "[" + typeRef(type.path("ofType")) + "]";
            default -> type.path("name").asText();
        };
    }
}
