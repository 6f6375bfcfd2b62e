package io.pharos.channel.service.provider;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The instant a provider says a message was sent or a status happened (Meta's and Telegram's Unix
 * seconds, Messenger's milliseconds). A signed payload with a missing, non-numeric or absurd value
 * (before 2000, more than a day ahead) is still the customer's message: it keeps the time Pharos
 * received it instead of failing, and nothing downstream sees a date it cannot store.
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
        long raw = value.isIntegralNumber() || value.isTextual() && value.asText().matches("\\d{1,19}") ? value.asLong(-1) : -1;
        long seconds = raw / perSecond;
        if (raw < 0 || seconds < EARLIEST || seconds > received.plus(MAX_AHEAD).getEpochSecond()) {
            return received;
        }
        return perSecond == 1 ? Instant.ofEpochSecond(raw) : Instant.ofEpochMilli(raw);
    }
}
