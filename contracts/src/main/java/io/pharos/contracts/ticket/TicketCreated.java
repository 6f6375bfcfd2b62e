package io.pharos.contracts.ticket;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pharos.contracts.Nullable;

/**
 * {@code pharos.ticket.created}. channel-gateway acknowledges a customer's inbound message with
 * {@code source} and {@code promise}.
 *
 * @param requesterCreated the customer was created with this ticket
 * @param source where an inbound ticket came from; absent for tickets opened over the API
 * @param promise what the customer is promised by the SLA that applies; absent without one
 */
public record TicketCreated(TicketSnapshot ticket, boolean requesterCreated,
        @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Source source,
        @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) Promise promise, List<SlaClockSnapshot> slaClocks)
        implements TicketEvent {

    /**
     * The inbound message that opened the ticket, as channel-gateway reported it.
     *
     * @param emailMessageId RFC 5322 Message-ID of an email, for threading the acknowledgement
     */
    public record Source(@Nullable String channelId, @Nullable String providerMessageId, @Nullable String conversationKey,
            @Nullable Sender from, @Nullable String subject, @Nullable String emailMessageId) {
    }

    /** The customer as the channel named them: a name and any of their channel identities. */
    public record Sender(@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable String whatsapp,
            @Nullable String telegram, @Nullable String messenger, @Nullable String instagram, @Nullable String chat,
            @Nullable String externalId, @Nullable String language) {
    }

    /**
     * The first-response due instant by the SLA that applies.
     *
     * @param policy the policy's name
     * @param timeZone the IANA zone of the policy's business hours, to tell the customer the due time in
     * @param openNow whether the team is at work when the ticket arrives
     */
    public record Promise(String policy, Instant firstResponseDueAt, String timeZone, boolean openNow) {
    }
}
