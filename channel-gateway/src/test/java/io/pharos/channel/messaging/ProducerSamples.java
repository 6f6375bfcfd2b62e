package io.pharos.channel.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.contracts.Channel;
import io.pharos.contracts.CloudEvent;
import io.pharos.contracts.EventJson;
import io.pharos.contracts.EventType;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.ticket.Priority;
import io.pharos.contracts.ticket.SlaClockSnapshot;
import io.pharos.contracts.ticket.SlaState;
import io.pharos.contracts.ticket.SlaTarget;
import io.pharos.contracts.ticket.TicketCreated;
import io.pharos.contracts.ticket.TicketSnapshot;
import io.pharos.contracts.ticket.TicketStatus;
import io.pharos.testing.EventContracts;
import io.pharos.testing.KafkaEvents;

/**
 * The events channel-gateway consumes, built from the producers' records the way the producers
 * build them, checked against the published schema before they are published: a test sample that
 * breaks the contract fails here rather than passing for the wrong reason.
 */
public final class ProducerSamples {

    public static final String TICKET_SERVICE = "//pharos/ticket-service";
    public static final String SURVEY_SERVICE = "//pharos/survey-service";
    public static final String ANALYTICS_SERVICE = "//pharos/analytics-service";

    private static final ObjectMapper JSON = EventJson.newMapper();

    private ProducerSamples() {
    }

    /** Checks the sample against its type's published schema, then publishes it to the real topic as its producer would. */
    public static <T> void publish(EventType<T> type, String key, String source, String tenant, T data) {
        assertKeepsContract(CloudEvent.of(UUID.randomUUID(), source, type, key, Instant.now(), tenant, data));
        KafkaEvents.publish(type, key, source, tenant, data);
    }

    /** Fails with every violation when the event, as JSON travels, does not match its published schema. */
    public static void assertKeepsContract(CloudEvent<?> event) {
        try {
            assertThat(EventContracts.violations(JSON.readTree(JSON.writeValueAsString(event))))
                    .as("a sample of %s that keeps the producer's contract", event.type()).isEmpty();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A reply as ticket-service's Conversation asks for it: the message id is the request id, the
     * subject carries the ticket number, the thread's Message-IDs thread it.
     */
    public static MessageRequested reply(UUID messageId, UUID ticketId, long number, Channel channel, MessageRequested.Recipient recipient,
            String ticketSubject, String text, String html, List<String> thread, String language) {
        return new MessageRequested(messageId, ticketId, number, messageId, channel, recipient, "[#" + number + "] " + ticketSubject, text,
                html, thread.isEmpty() ? null : thread.get(thread.size() - 1), thread, language, null);
    }

    /** The customer as ticket-service names them: their id and their oldest identity of each kind. */
    public static MessageRequested.Recipient customer(UUID customerId, String email, String phone, String whatsapp, String telegram,
            String chat) {
        return new MessageRequested.Recipient(customerId, email, phone, whatsapp, telegram, null, null, chat);
    }

    /** A survey invitation as survey-service's InvitationMessages asks for it: one identity, no thread. */
    public static MessageRequested invitation(UUID invitationId, UUID ticketId, long number, UUID customerId, String email, String question,
            String text, String html, String language) {
        return new MessageRequested(invitationId, ticketId, number, invitationId, Channel.EMAIL,
                new MessageRequested.Recipient(customerId, email, null, null, null, null, null, null), "[#" + number + "] " + question,
                text, html, null, List.of(), language, null);
    }

    /** A supervisor's digest as analytics-service's DigestService asks for it: about no ticket, to a named address. */
    public static MessageRequested digest(UUID requestId, String email, String name, String subject, String text, String html) {
        return new MessageRequested(requestId, null, null, requestId, Channel.EMAIL,
                new MessageRequested.Recipient(null, email, null, null, null, null, null, null, name), subject, text, html, null, List.of(),
                "en", null);
    }

    /**
     * A new ticket opened by a customer's email, as ticket-service's TicketCreation announces it: the
     * ticket, where it came from (as channel-gateway reported the message) and, under an SLA, the
     * promise and its running first-response clock.
     *
     * @param emailMessageId the Message-ID of the customer's email
     */
    public static TicketCreated ticketFromEmail(UUID ticketId, long number, String subject, String language, String customerName,
            String customerEmail, String emailMessageId, TicketCreated.Promise promise) {
        Instant now = Instant.now();
        TicketSnapshot ticket = new TicketSnapshot(ticketId, number, null, subject, TicketStatus.NEW, Priority.NORMAL, Channel.EMAIL,
                UUID.randomUUID(), null, null, List.of(), language, now, now, null, null, null, null, 0);
        TicketCreated.Source source = new TicketCreated.Source("acme-email", emailMessageId, "email:" + customerEmail,
                new TicketCreated.Sender(customerName, customerEmail, null, null, null, null, null, null, null, language), subject,
                emailMessageId);
        List<SlaClockSnapshot> clocks = promise == null ? List.of()
                : List.of(new SlaClockSnapshot(SlaTarget.FIRST_RESPONSE, UUID.randomUUID(), promise.policy(), SlaState.ACTIVE,
                        promise.firstResponseDueAt(), null, false, now));
        return new TicketCreated(ticket, true, source, promise, clocks);
    }
}
