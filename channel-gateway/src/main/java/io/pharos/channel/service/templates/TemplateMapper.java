package io.pharos.channel.service.templates;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.api.TemplateButton;
import io.pharos.channel.api.TemplateDto;
import io.pharos.channel.api.TemplateInput;
import io.pharos.channel.domain.WhatsAppTemplate;
import io.pharos.channel.model.TemplateCategory;

/** A template row to and from its records (examples and buttons are stored as JSON). */
@ApplicationScoped
class TemplateMapper {

    private final ObjectMapper json;

    TemplateMapper(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    void apply(WhatsAppTemplate t, TemplateInput in) {
        t.name = in.name();
        t.language = in.language();
        t.category = in.category().name();
        t.headerText = blankToNull(in.headerText());
        t.bodyText = in.bodyText();
        t.bodyExamples = write(in.bodyExamples() == null ? List.of() : in.bodyExamples());
        t.footerText = blankToNull(in.footerText());
        t.buttons = write(in.buttons() == null ? List.of() : in.buttons());
    }

    TemplateInput toInput(WhatsAppTemplate t) {
        return new TemplateInput(t.name, t.language, TemplateCategory.valueOf(t.category), t.headerText, t.bodyText, examples(t), t.footerText,
                buttons(t));
    }

    TemplateDto toDto(WhatsAppTemplate t) {
        return new TemplateDto(t.id, t.channelId, t.name, t.language, TemplateCategory.valueOf(t.category), t.headerText, t.bodyText,
                examples(t), t.footerText, buttons(t), t.status, t.rejectedReason, t.providerId, t.createdAt, t.updatedAt);
    }

    private List<String> examples(WhatsAppTemplate t) {
        return read(t.bodyExamples, new TypeReference<List<String>>() {
        });
    }

    private List<TemplateButton> buttons(WhatsAppTemplate t) {
        return read(t.buttons, new TypeReference<List<TemplateButton>>() {
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable template data", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
