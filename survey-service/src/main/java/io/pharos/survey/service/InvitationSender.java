package io.pharos.survey.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.contracts.survey.SurveyEvents;
import io.pharos.contracts.survey.SurveySent;
import io.pharos.survey.api.SurveyTexts;
import io.pharos.survey.domain.CustomerContact;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.domain.TicketState;
import io.pharos.survey.mapping.SurveyEventMapping;
import io.pharos.survey.repository.InvitationRepository;
import io.pharos.survey.repository.ReplicaRepository;
import io.pharos.survey.repository.SurveyDefinitionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sends the invitations that are due. Each pass locks its batch with {@code FOR UPDATE SKIP LOCKED}
 * (several replicas never take the same invitation) and, in the same transaction, writes the
 * message request and the {@code pharos.survey.sent} event to the outbox and marks the invitation:
 * a crash before commit sends nothing, a crash after it has lost nothing.
 */
@ApplicationScoped
public class InvitationSender {

    static final String REOPENED = "ticket no longer solved";
    /** The ticket's latest state came from an import of history: the solve to ask about is not a live one. */
    static final String HISTORY = "ticket state from imported history";
    private static final int BATCH = 50;

    private final InvitationRepository invitations;
    private final SurveyDefinitionRepository definitions;
    private final SurveyDefinitionService texts;
    private final ReplicaRepository replicas;
    private final OutboxWriter outbox;
    private final SurveyTokens tokens;
    private final ObjectMapper json;
    private final String publicUrl;
    private final AtomicBoolean paused = new AtomicBoolean();

    public InvitationSender(InvitationRepository invitations, SurveyDefinitionRepository definitions, SurveyDefinitionService texts,
            ReplicaRepository replicas, OutboxWriter outbox, SurveyTokens tokens, ObjectMapper json,
            @ConfigProperty(name = "pharos.survey.public-url") String publicUrl) {
        this.invitations = invitations;
        this.definitions = definitions;
        this.texts = texts;
        this.replicas = replicas;
        this.outbox = outbox;
        this.tokens = tokens;
        this.json = json;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Scheduled(every = "${pharos.survey.send-interval:5s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return paused.get() ? Uni.createFrom().voidItem()
                : sendDue().flatMap(n -> n >= BATCH ? tick() : Uni.createFrom().voidItem());
    }

    /** Stops sending (invitations stay scheduled); for maintenance and tests. */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    /** Sends or skips every due invitation of one batch; answers how many it handled. */
    @WithTransaction
    public Uni<Integer> sendDue() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT * FROM invitation WHERE status = 'SCHEDULED'"
                + " AND due_at <= now() ORDER BY due_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", Invitation.class)
                .getResultList())
                .flatMap(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Invitation invitation : due) {
                        chain = chain.flatMap(v -> handle(invitation));
                    }
                    return chain.replaceWith(due.size());
                });
    }

    private Uni<Void> handle(Invitation invitation) {
        Uni<TicketState> ticketOf = invitation.ticketId == null ? Uni.createFrom().nullItem()
                : replicas.ticket(invitation.tenant, invitation.ticketId);
        return definitions.findById(invitation.definitionId).flatMap(d -> ticketOf
                .flatMap(ticket -> replicas.customer(invitation.tenant, invitation.customerId).flatMap(contact -> {
                    if (d == null || !d.enabled) {
                        return skip(invitation, "survey disabled");
                    }
                    if (invitation.ticketId != null && (ticket == null || !ticket.solved())) {
                        return skip(invitation, REOPENED);
                    }
                    if (ticket != null && ticket.historical) {
                        return skip(invitation, HISTORY);
                    }
                    if (contact != null && "churned".equals(contact.lifecycle)) {
                        return skip(invitation, "customer churned");
                    }
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return invitations.sentSince(invitation.tenant, invitation.customerId, now.minus(Duration.ofDays(d.throttleDays)))
                            .flatMap(throttled -> throttled ? skip(invitation, "throttled")
                                    : send(invitation, d, ticket, contact, now));
                })));
    }

    private Uni<Void> skip(Invitation invitation, String reason) {
        invitation.status = Invitation.Status.SKIPPED;
        invitation.skipReason = reason;
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> send(Invitation invitation, SurveyDefinition d, TicketState ticket, CustomerContact contact, Instant now) {
        Map<String, String> identities = identities(contact);
        String channel = d.sendVia == SurveyDefinition.SendVia.EMAIL || ticket == null ? "email" : ticket.channel;
        String address = identities.get(InvitationMessages.identityType(channel));
        if (address == null && identities.containsKey("email")) {
            channel = "email";
            address = identities.get("email");
        }
        if (address == null) {
            return skip(invitation, "no address for the customer");
        }
        String language = SurveyDefinitionService.languageOf(contact != null && contact.language != null ? contact.language
                : ticket != null ? ticket.language : null);
        SurveyTexts t = texts.textsFor(d, language);
        Instant expiresAt = now.plus(Duration.ofHours(d.expiryHours));
        String link = publicUrl + "/s/" + tokens.issue(invitation.id, expiresAt);
        MessageRequested request = InvitationMessages.request(invitation, ticket, channel, address, t, d.scaleMin, d.scaleMax, link,
                language);
        SurveySent sent = new SurveySent(invitation.id, d.id, SurveyEventMapping.type(d.type), ticket == null ? null : ticket.ticketId,
                invitation.customerId, ticket == null ? null : ticket.assigneeId, ticket == null ? null : ticket.team,
                SurveyEventMapping.channel(channel), now, expiresAt);
        invitation.status = Invitation.Status.SENT;
        invitation.sentAt = now;
        invitation.expiresAt = expiresAt;
        invitation.channel = channel;
        invitation.language = language;
        // key = aggregate id: the ticket, or the customer for relationship surveys
        String key = ticket != null ? ticket.ticketId.toString() : invitation.customerId.toString();
        return outbox.append(invitation.tenant, ChannelEvents.MESSAGE_REQUESTED, key, request)
                .flatMap(x -> outbox.append(invitation.tenant, SurveyEvents.SURVEY_SENT, key, sent))
                .replaceWithVoid();
    }

    private Map<String, String> identities(CustomerContact contact) {
        if (contact == null) {
            return Map.of();
        }
        try {
            return json.readValue(contact.identities, new TypeReference<Map<String, String>>() {
            });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
