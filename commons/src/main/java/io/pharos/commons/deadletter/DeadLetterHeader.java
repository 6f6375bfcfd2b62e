package io.pharos.commons.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One Kafka header of a dead letter: its value as text, or as base64 when it is not text (or holds NUL). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterHeader(String key, String value, String base64) {
}
