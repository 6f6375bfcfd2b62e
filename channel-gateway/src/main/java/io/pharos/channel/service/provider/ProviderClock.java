package io.pharos.channel.service.provider;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The instant a provider says a message was sent or a status happened (Meta's and Telegram's Unix
 * seconds, Messenger's milliseconds). A missing or absurd value (before 2000, more than a day
 * ahead) is still the customer's message: it keeps the time Pharos received it instead of failing,
 * and nothing downstream sees a date it cannot store. A value that is not a number at all is no
 * provider's: the payload is malformed.
 */
final class ProviderClock {

    private static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final Duration MAX_AHEAD = Duration.ofDays(1);

    private ProviderClock() {
    }

    static Instant epochSeconds(JsonNode value, Instant received) {
        return within(value, 1, received);
    }

    static Instant epochMillis(JsonNode value, Instant received) {
        return within(value, 1000, received);
    }

    private static Instant within(JsonNode value, long perSecond, Instant received) {
        if (!value.isMissingNode() && !value.isNull() && !value.isIntegralNumber() && !(value.isTextual() && value.asText().matches("-?\\d+"))) {
            throw new MalformedPayload("a timestamp is not a number: " + abbreviated(value.toString()));
        }
        long raw = value.isIntegralNumber() || value.isTextual() && value.asText().matches("\\d{1,19}") ? value.asLong(-1) : -1;
        long seconds = raw / perSecond;
        if (raw < 0 || seconds < EARLIEST || seconds > received.plus(MAX_AHEAD).getEpochSecond()) {
            return received;
        }
        return perSecond == 1 ? Instant.ofEpochSecond(raw) : Instant.ofEpochMilli(raw);
    }

    static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
