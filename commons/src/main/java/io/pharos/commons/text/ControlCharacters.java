package io.pharos.commons.text;

import java.util.ArrayList;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Control characters other than tab, line feed and carriage return mean nothing in a customer's
 * or agent's text, and PostgreSQL refuses NUL in {@code text} columns outright: a message that
 * carried one was refused far from the edge (a 500, or a dead letter). They are dropped where text
 * comes in: JSON bodies and events ({@link io.pharos.commons.json.ControlCharacterStrings}), the
 * channels' inbound messages, GraphQL arguments.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The text without C0/C1 control characters other than \t, \n and \r; the same instance when there are none. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int first = firstControl(text);
        if (first < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!dropped(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    public static boolean contains(String text) {
        return text != null && firstControl(text) >= 0;
    }

    /** Strips every string (values and field names) of a JSON tree in place; answers the same tree. */
    public static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                JsonNode value = field.getValue();
                JsonNode cleaned = value.isTextual() && contains(value.textValue()) ? TextNode.valueOf(strip(value.textValue())) : strip(value);
                if (contains(field.getKey())) {
                    object.remove(field.getKey());
                    object.set(strip(field.getKey()), cleaned);
                } else if (cleaned != value) {
                    object.set(field.getKey(), cleaned);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && contains(value.textValue())) {
                    array.set(i, TextNode.valueOf(strip(value.textValue())));
                } else {
                    strip(value);
                }
            }
        }
        return node;
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (dropped(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean dropped(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
    }
}
