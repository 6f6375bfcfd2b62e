package io.pharos.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The values an attacker or a broken client sends: wrong types, huge and control-character strings,
 * out-of-range numbers, unknown enum names, impossible dates, deep nesting and bytes that are not UTF-8.
 */
final class HostileValues {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final String KB_100 = "Ω".repeat(50 * 1024); // 100 KiB of UTF-8, Greek so that byte and char limits differ
    static final String NUL = "before\u0000after";

    private HostileValues() {
    }

    /** Replacements for one JSON property, whatever its declared type. */
    static List<JsonNode> forProperty(String type, String format, boolean isEnum) {
        List<JsonNode> values = new ArrayList<>();
        values.add(NODES.textNode(KB_100));
        values.add(NODES.textNode(NUL));
        values.add(NODES.objectNode().put("$gt", ""));
        values.add(NODES.nullNode());
        switch (type == null ? "" : type) {
            case "integer", "number" -> {
                values.add(NODES.textNode("abc"));
                values.add(NODES.numberNode(-1));
                values.add(NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")));
                values.add(NODES.numberNode(1e308));
            }
            case "boolean" -> values.add(NODES.textNode("maybe"));
            case "array" -> {
                values.add(NODES.textNode("not-a-list"));
                var many = NODES.arrayNode();
                for (int i = 0; i < 5_000; i++) {
                    many.add("t" + i);
                }
                values.add(many);
            }
            case "object" -> values.add(NODES.arrayNode().add(1).add(2));
            default -> {
                values.add(NODES.numberNode(42));
                values.add(NODES.textNode("   "));
                if (isEnum) {
                    values.add(NODES.textNode("NOT_A_VALUE"));
                }
                if ("date-time".equals(format) || "date".equals(format)) {
                    values.add(NODES.textNode("0000-01-01T00:00:00Z"));
                    values.add(NODES.textNode("9999-12-31T23:59:59Z"));
                    values.add(NODES.textNode("+1000000000-01-01T00:00:00Z"));
                    values.add(NODES.textNode("yesterday"));
                }
                if ("uuid".equals(format)) {
                    values.add(NODES.textNode("not-a-uuid"));
                    values.add(NODES.textNode(java.util.UUID.randomUUID().toString()));
                }
                if ("email".equals(format)) {
                    values.add(NODES.textNode("a@b@c"));
                }
            }
        }
        return values;
    }

    /** Whole bodies that are no valid document of any operation. */
    static List<byte[]> wholeBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String s : List.of("[]", "null", "\"x\"", "1", "{", "{\"a\":}", "[1,2]", "{}", "true")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(nestedArrays(10_000));
        bodies.add(nestedObjects(10_000));
        bodies.add(invalidUtf8());
        return bodies;
    }

    static byte[] nestedArrays(int depth) {
        return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] nestedObjects(int depth) {
        return ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON object whose strings are not UTF-8 (an overlong encoding and a lone continuation byte). */
    static byte[] invalidUtf8() {
        byte[] head = "{\"subject\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = { (byte) 0xC0, (byte) 0xAF, (byte) 0x80, (byte) 0xFF };
        byte[] tail = "\",\"text\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    /** A 2 MiB body: one string property. */
    static byte[] twoMegabytes(String property) {
        ObjectNode body = NODES.objectNode();
        body.put(property, "x".repeat(2 * 1024 * 1024));
        return bytes(body);
    }

    /** Values for a query or path parameter. */
    static List<String> forParameter() {
        return List.of("abc", "-1", "0", "99999999999999999999", "9999-12-31T23:59:59Z", "0000-00-00", "garbage-date",
                "NOT_A_VALUE", NUL, "x".repeat(100 * 1024), "' OR 1=1 --", "../../../etc/passwd", "%zz");
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
