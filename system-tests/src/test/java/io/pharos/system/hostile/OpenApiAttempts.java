package io.pharos.system.hostile;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile requests for every operation of a service's OpenAPI document: each path and query
 * parameter replaced in turn by hostile values, and each JSON body replaced whole (wrong shapes,
 * deep nesting, bad UTF-8, 2 MiB) and property by property. Only one thing is wrong in each request,
 * so that each check is reached.
 */
final class OpenApiAttempts {

    private final URI base;
    private final JsonNode document;
    private final Function<String, String> tokenFor;
    private final Function<String, String> pathValue;

    OpenApiAttempts(URI base, JsonNode document, Function<String, String> tokenFor, Function<String, String> pathValue) {
        this.base = base;
        this.document = document;
        this.tokenFor = tokenFor;
        this.pathValue = pathValue;
    }

    List<Attempt> all() {
        List<Attempt> attempts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/webhooks") || path.getKey().startsWith("/q/")) {
                continue; // signed provider webhooks have their own attempts (WebhookAttempts)
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    attempts.addAll(forOperation(path.getKey(), method, op.getValue(), path.getValue().path("parameters")));
                }
            }
        }
        return attempts;
    }

    private List<Attempt> forOperation(String template, String method, JsonNode operation, JsonNode sharedParameters) {
        List<JsonNode> parameters = new ArrayList<>();
        sharedParameters.forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        List<String> pathParams = new ArrayList<>();
        List<JsonNode> queryParams = new ArrayList<>();
        for (JsonNode p : parameters) {
            if ("path".equals(p.path("in").asText())) {
                pathParams.add(p.path("name").asText());
            } else if ("query".equals(p.path("in").asText())) {
                queryParams.add(p);
            }
        }
        Map<String, String> basePath = new LinkedHashMap<>();
        pathParams.forEach(name -> basePath.put(name, pathValue.apply(template + "#" + name)));
        String token = tokenFor.apply(template);
        String label = method + " " + template;

        JsonNode content = operation.path("requestBody").path("content");
        String contentType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        JsonNode bodySchema = contentType == null ? null : resolve(content.path(contentType).path("schema"));
        byte[] baseBody = bodySchema == null ? null : HostileValues.bytes(example(bodySchema, 0));
        String sentType = contentType == null ? null : contentType.contains("json") ? "application/json" : contentType;

        List<Attempt> attempts = new ArrayList<>();
        for (String name : pathParams) {
            for (String value : HostileValues.forParameter()) {
                Map<String, String> values = new LinkedHashMap<>(basePath);
                values.put(name, value);
                attempts.add(Attempt.of(label + " path " + name, method, base, target(template, values, Map.of(), true), baseBody,
                        sentType, token));
            }
        }
        for (JsonNode q : queryParams.subList(0, Math.min(queryParams.size(), 8))) {
            for (String value : HostileValues.forParameter()) {
                attempts.add(Attempt.of(label + " query " + q.path("name").asText(), method, base,
                        target(template, basePath, Map.of(q.path("name").asText(), value), false), baseBody, sentType, token));
            }
        }
        if (bodySchema != null && sentType.equals("application/json")) {
            String target = target(template, basePath, Map.of(), false);
            for (byte[] whole : HostileValues.wholeBodies()) {
                attempts.add(Attempt.of(label + " body", method, base, target, whole, sentType, token));
            }
            JsonNode example = example(bodySchema, 0);
            if (example instanceof ObjectNode object) {
                attempts.add(Attempt.of(label + " body 2MiB", method, base, target,
                        HostileValues.twoMegabytes(object.fieldNames().hasNext() ? object.fieldNames().next() : "text"), sentType, token));
                for (Iterator<Map.Entry<String, JsonNode>> props = bodySchema.path("properties").fields(); props.hasNext();) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    JsonNode schema = resolve(prop.getValue());
                    for (JsonNode value : HostileValues.forProperty(schema.path("type").asText(null), schema.path("format").asText(null),
                            schema.has("enum"))) {
                        ObjectNode body = object.deepCopy();
                        body.set(prop.getKey(), value);
                        attempts.add(Attempt.of(label + " body ." + prop.getKey(), method, base, target, HostileValues.bytes(body),
                                sentType, token));
                    }
                }
            }
        } else if (sentType != null) {
            // NDJSON imports, form posts, raw mail: lines and fields that are not what they should be
            String target = target(template, basePath, Map.of(), false);
            for (String raw : List.of("[1,2]\nnull\n\"x\"\n", "{\"a\":\n", "%zz%", "comment=%zz%&score=abc", "\u0000\u0000",
                    HostileValues.KB_100)) {
                attempts.add(Attempt.of(label + " raw", method, base, target, raw.getBytes(StandardCharsets.UTF_8), sentType, token));
            }
            attempts.add(Attempt.of(label + " raw", method, base, target, HostileValues.invalidUtf8(), sentType, token));
            attempts.add(Attempt.of(label + " raw", method, base, target, HostileValues.nestedObjects(10_000), sentType, token));
        }
        return attempts;
    }

    /** The request target: hostile values go in as they are when raw (malformed escapes included), encoded otherwise. */
    private static String target(String template, Map<String, String> pathValues, Map<String, String> query, boolean raw) {
        String path = template;
        for (Map.Entry<String, String> e : pathValues.entrySet()) {
            String v = e.getValue();
            String encoded = raw && v.equals("%zz") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + e.getKey() + "}", encoded);
        }
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(v.equals("%zz") ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return path + q;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            String ref = s.path("$ref").asText();
            s = document.at(ref.substring(1));
        }
        if (s.has("allOf") && s.path("allOf").size() == 1) {
            return resolve(s.path("allOf").get(0));
        }
        return s;
    }

    /** A plausible value for a schema: the well-formed surroundings of each hostile value. */
    private JsonNode example(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (s.has("enum")) {
            return s.path("enum").get(0);
        }
        String type = s.path("type").asText("object");
        return switch (type) {
            case "string" -> switch (s.path("format").asText("")) {
                case "date-time" -> HostileValues.NODES.textNode(java.time.Instant.now().toString());
                case "date" -> HostileValues.NODES.textNode(java.time.LocalDate.now().toString());
                case "uuid" -> HostileValues.NODES.textNode(UUID.randomUUID().toString());
                case "email" -> HostileValues.NODES.textNode("hostile-" + UUID.randomUUID() + "@example.test");
                default -> HostileValues.NODES.textNode("hostile input");
            };
            case "integer", "number" -> HostileValues.NODES.numberNode(1);
            case "boolean" -> HostileValues.NODES.booleanNode(false);
            case "array" -> depth > 3 ? HostileValues.NODES.arrayNode()
                    : HostileValues.NODES.arrayNode().add(example(s.path("items"), depth + 1));
            default -> {
                ObjectNode o = HostileValues.NODES.objectNode();
                if (depth <= 3) {
                    s.path("properties").fields().forEachRemaining(p -> o.set(p.getKey(), example(p.getValue(), depth + 1)));
                }
                yield o;
            }
        };
    }
}
