package io.pharos.commons.messaging;

/** The Kafka topics of CONTRACTS.md; dead letters go to {@code <topic>.dlq}. */
public final class Topics {

    public static final String CHANNEL_INBOUND = "pharos.channel.inbound";
    public static final String CHANNEL_OUTBOUND = "pharos.channel.outbound";
    public static final String CHANNEL_DELIVERY = "pharos.channel.delivery";
    public static final String TICKET_EVENTS = "pharos.ticket.events";
    public static final String SURVEY_EVENTS = "pharos.survey.events";

    private Topics() {
    }
}
