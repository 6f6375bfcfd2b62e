package io.pharos.contracts;

/**
 * One event type: its CloudEvents {@code type}, the topic it is published on and the record its
 * {@code data} is. Producers and consumers name an event only through these constants.
 */
public record EventType<T>(String name, String topic, Class<T> dataClass) {

    @Override
    public String toString() {
        return name;
    }
}
