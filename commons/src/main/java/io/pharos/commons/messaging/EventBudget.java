package io.pharos.commons.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.rest.ProblemException;

/**
 * The size budget of every event ({@code pharos.events.max-bytes}, 256 KiB by default), checked
 * where the event is built: well under Kafka's 1 MiB record limit, so an accepted change can
 * always be published. An event over budget fails the write that builds it (413
 * {@code event-too-large}); the outbox append runs in the caller's transaction, so nothing of
 * that change is committed.
 */
@ApplicationScoped
public class EventBudget {

    private final int maxBytes;

    public EventBudget(@ConfigProperty(name = "pharos.events.max-bytes", defaultValue = "262144") int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Refuses a serialised event that is over budget. */
    public void check(String type, String payload) {
        // UTF-16 length bounds the UTF-8 size from below and 3x from above: count bytes only when it matters
        if (payload.length() * 3L <= maxBytes) {
            return;
        }
        int size = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw ProblemException.tooLarge("event-too-large", "The change would publish a " + type + " event of " + size
                    + " bytes; events may carry at most " + maxBytes + " bytes. Shorten the largest field.");
        }
    }

    public int maxBytes() {
        return maxBytes;
    }
}
