package io.pharos.survey.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.messaging.Topics;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.survey.api.SurveyTexts;
import io.pharos.survey.domain.CustomerContact;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.domain.TicketState;
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
        String address = identities.get(identityType(channel));
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
        StringBuilder text = new StringBuilder(t.question()).append("\n\n");
        StringBuilder html = new StringBuilder("<p>").append(escape(t.question())).append("</p><p>");
        for (int score = d.scaleMin; score <= d.scaleMax; score++) {
            text.append(score).append(": ").append(link).append("?score=").append(score).append('\n');
            html.append("<a href=\"").append(link).append("?score=").append(score)
                    .append("\" style=\"display:inline-block;min-width:2.5em;padding:.6em;margin:.2em;border:1px solid #1a56db;"
                            + "border-radius:6px;text-align:center;text-decoration:none\">")
                    .append(score).append("</a>");
        }
        html.append("</p>");
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("customerId", invitation.customerId.toString());
        recipient.put(identityType(channel), address);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", invitation.id.toString());
        request.put("ticketId", ticket == null ? null : ticket.ticketId.toString());
        request.put("ticketNumber", ticket == null ? null : ticket.number);
        request.put("messageId", invitation.id.toString());
        request.put("channel", channel);
        request.put("recipient", recipient);
        request.put("subject", ticket == null ? t.question() : "[#" + ticket.number + "] " + t.question());
        request.put("text", text.toString().strip());
        request.put("html", channel.equals("email") ? html.toString() : null);
        request.put("references", List.of());
        request.put("language", language);
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("invitationId", invitation.id.toString());
        sent.put("surveyId", d.id.toString());
        sent.put("type", d.type.name().toLowerCase());
        sent.put("ticketId", ticket == null ? null : ticket.ticketId.toString());
        sent.put("customerId", invitation.customerId.toString());
        sent.put("agentId", ticket == null ? null : ticket.assigneeId);
        sent.put("team", ticket == null ? null : ticket.team);
        sent.put("channel", channel);
        sent.put("sentAt", now);
        sent.put("expiresAt", expiresAt);
        invitation.status = Invitation.Status.SENT;
        invitation.sentAt = now;
        invitation.expiresAt = expiresAt;
        invitation.channel = channel;
        invitation.language = language;
        // key = aggregate id: the ticket, or the customer for relationship surveys
        String key = ticket != null ? ticket.ticketId.toString() : invitation.customerId.toString();
        return outbox.append(invitation.tenant, Topics.CHANNEL_OUTBOUND, "pharos.channel.message.requested", key, request)
                .flatMap(x -> outbox.append(invitation.tenant, Topics.SURVEY_EVENTS, "pharos.survey.sent", key, sent))
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

    /** Which identity reaches a customer on a channel. */
    static String identityType(String channel) {
        return switch (channel) {
            case "sms", "phone" -> "phone";
            case "whatsapp", "telegram", "messenger", "instagram", "chat" -> channel;
            default -> "email";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
