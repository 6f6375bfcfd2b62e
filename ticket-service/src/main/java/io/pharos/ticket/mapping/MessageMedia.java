package io.pharos.ticket.mapping;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.pharos.ticket.api.ContactDto;
import io.pharos.ticket.api.ForwardedDto;
import io.pharos.ticket.api.InteractiveDto;
import io.pharos.ticket.api.LocationDto;

/**
 * What a message carries besides its text, as kept in {@code message.attachments} (JSON): a shared
 * location, a contact card, the button pressed, the mail forwarded. Files are rows of the
 * {@code attachment} table; messages stored before it hold their files' metadata here ({@code attachments},
 * or, before locations and contacts were kept, a plain array of {@code {name, contentType, size, url}}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageMedia(List<LegacyFile> attachments, LocationDto location, ContactDto contact, InteractiveDto interactive,
        ForwardedDto forwarded) {

    /** A private mapper: the column's format must not change with the REST configuration. */
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static final MessageMedia NONE = new MessageMedia(List.of(), null, null, null, null);

    /** A file of a message from before the attachment table, as it was kept: its link or the provider's id of it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegacyFile(String kind, String fileName, String contentType, Long size, String url, String reference) {
    }

    public MessageMedia(List<LegacyFile> attachments, LocationDto location, ContactDto contact) {
        this(attachments, location, contact, null, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Legacy(String name, String contentType, Long size, String url) {
    }

    @JsonIgnore
    public boolean isEmpty() {
        return (attachments == null || attachments.isEmpty()) && location == null && contact == null && interactive == null
                && forwarded == null;
    }

    /** The column's value: null when there is nothing. */
    public String toJson() {
        if (isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MessageMedia of(String column) {
        if (column == null || column.isBlank()) {
            return NONE;
        }
        try {
            if (column.strip().startsWith("[")) {
                List<Legacy> legacy = JSON.readValue(column, new TypeReference<List<Legacy>>() {
                });
                return new MessageMedia(legacy.stream().map(a -> new LegacyFile(null, a.name(), a.contentType(), a.size(), a.url(), null))
                        .toList(), null, null);
            }
            MessageMedia media = JSON.readValue(column, MessageMedia.class);
            return new MessageMedia(media.attachments() == null ? List.of() : media.attachments(), media.location(), media.contact(),
                    media.interactive(), media.forwarded());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message attachments column is not JSON", e);
        }
    }
}
