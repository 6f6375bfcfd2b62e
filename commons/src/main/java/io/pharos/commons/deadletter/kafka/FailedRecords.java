package io.pharos.commons.deadletter.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.deadletter.DeadLetterHeader;
import io.pharos.commons.deadletter.Failures;
import io.pharos.commons.deadletter.store.NewDeadLetter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;

/**
 * Turns a failed Kafka record into a row that PostgreSQL always accepts: the value is kept as bytes,
 * text columns lose NUL (which {@code text} and {@code jsonb} refuse), and header values that are not
 * text are kept as base64. A row that could never be written would stall its channel for good.
 */
final class FailedRecords {

    private FailedRecords() {
    }

    static NewDeadLetter of(ObjectMapper json, String channel, String group, IncomingKafkaRecord<?, ?> record, Throwable failure,
            Instant at) {
        byte[] payload = bytes(record.getPayload());
        List<DeadLetterHeader> headers = new ArrayList<>();
        if (record.getHeaders() != null) {
            for (Header h : record.getHeaders()) {
                headers.add(header(h));
            }
        }
        String tenant = header(headers, "ce_tenant");
        String type = header(headers, "ce_type");
        String id = header(headers, "ce_id");
        JsonNode event = cloudEvent(json, payload);
        if (event != null) {
            tenant = text(event, "tenant", tenant);
            type = text(event, "type", type);
            id = text(event, "id", id);
        }
        Throwable cause = Failures.unwrap(failure);
        return new NewDeadLetter(channel, Failures.clean(group), record.getTopic(), record.getPartition(), record.getOffset(),
                record.getKey() == null ? null : Failures.clean(String.valueOf(record.getKey())), headers, payload, Failures.clean(tenant), Failures.clean(type), Failures.clean(id),
                Failures.reason(cause), cause.getClass().getName(), at);
    }

    private static byte[] bytes(Object payload) {
        if (payload == null) {
            return null;
        }
        if (payload instanceof byte[] raw) {
            return raw;
        }
        return String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
    }

    private static DeadLetterHeader header(Header h) {
        byte[] value = h.value();
        if (value == null) {
            return new DeadLetterHeader(Failures.clean(h.key()), null, null);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            if (text.indexOf('\0') < 0) {
                return new DeadLetterHeader(Failures.clean(h.key()), text, null);
            }
        } catch (CharacterCodingException notText) {
            // kept as base64 below
        }
        return new DeadLetterHeader(Failures.clean(h.key()), null, Base64.getEncoder().encodeToString(value));
    }

    private static String header(List<DeadLetterHeader> headers, String key) {
        return headers.stream().filter(h -> key.equals(h.key()) && h.value() != null).map(DeadLetterHeader::value).reduce((a, b) -> b)
                .orElse(null);
    }

    /** The structured CloudEvent in the value, if it is one. */
    private static JsonNode cloudEvent(ObjectMapper json, byte[] payload) {
        if (payload == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(payload);
            return node != null && node.isObject() ? node : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String text(JsonNode event, String field, String fallback) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }
}
