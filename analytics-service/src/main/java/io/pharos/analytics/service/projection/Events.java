package io.pharos.analytics.service.projection;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.EventType;
import io.pharos.contracts.IncomingEvent;

/** Reads an event's data as its record; an event that does not fit its contract is refused (to the dead-letter topic). */
final class Events {

    private Events() {
    }

    static <T> T data(ObjectMapper json, IncomingEvent event, EventType<T> type) {
        try {
            return event.data(json, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("event " + event.envelope().id() + " does not fit " + type.name() + ": " + e.getMessage(), e);
        }
    }
}
