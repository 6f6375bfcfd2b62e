package io.pharos.ticket.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.ticket.api.TemplateUse;

/** A template reply as kept in {@code message.template} (JSON). */
public final class TemplateColumn {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private TemplateColumn() {
    }

    public static String toJson(TemplateUse template) {
        try {
            return template == null ? null : JSON.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TemplateUse of(String column) {
        try {
            return column == null ? null : JSON.readValue(column, TemplateUse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message template column is not JSON", e);
        }
    }
}
