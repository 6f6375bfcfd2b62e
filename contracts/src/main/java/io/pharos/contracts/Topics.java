package io.pharos.contracts;

/**
 * Every Kafka topic of Pharos (docs/events.md). Dead letters of a topic go to {@code <topic>.dlq};
 * the key of every record is the id of the aggregate the event is about.
 */
public final class Topics {

    public static final String CHANNEL_INBOUND = "pharos.channel.inbound";
    public static final String CHANNEL_OUTBOUND = "pharos.channel.outbound";
    public static final String CHANNEL_DELIVERY = "pharos.channel.delivery";
    public static final String TICKET_EVENTS = "pharos.ticket.events";
    public static final String SURVEY_EVENTS = "pharos.survey.events";

    /** The topics events are published on; each has a dead-letter topic beside it. */
    public static final java.util.List<String> ALL = java.util.List.of(
            CHANNEL_INBOUND, CHANNEL_OUTBOUND, CHANNEL_DELIVERY, TICKET_EVENTS, SURVEY_EVENTS);

    private Topics() {
    }

    public static String deadLetters(String topic) {
        return topic + ".dlq";
    }
}
