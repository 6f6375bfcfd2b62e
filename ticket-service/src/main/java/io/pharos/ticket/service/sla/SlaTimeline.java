package io.pharos.ticket.service.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.domain.TicketStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The steps that move a ticket's SLA clocks, kept in the order the clocks saw them (table
 * {@code ticket_sla_step}), so that {@link SlaReplay} can replay them under other calendars or
 * policies. Written in the ticket's transaction by {@link SlaClocks}, for live and imported tickets alike.
 */
@ApplicationScoped
public class SlaTimeline {

    /** The start of an import's replay: the policy its line named (null: the one that matches). */
    public Uni<Void> started(Ticket t, String policyName, Instant at) {
        return insert(t, at, "START", null, null, policyName);
    }

    Uni<Void> messageAdded(Ticket t, boolean agentPublicReply, Instant at) {
        return insert(t, at, agentPublicReply ? "AGENT_REPLY" : "CUSTOMER_MESSAGE", null, null, null);
    }

    Uni<Void> statusChanged(Ticket t, TicketStatus before, Instant at) {
        return before == t.status ? Uni.createFrom().voidItem() : insert(t, at, "STATUS", before, t.status, null);
    }

    /** What a ticket's replay starts from: the policy named at import (or null) and the steps in order. */
    public record Timeline(String policyName, List<SlaReplay.Step> steps) {
    }

    Uni<Timeline> of(UUID ticketId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT at, kind, status_before, status_after, policy_name FROM ticket_sla_step WHERE ticket_id = ?1 ORDER BY id",
                Object[].class).setParameter(1, ticketId).getResultList()).map(rows -> {
                    String policy = null;
                    List<SlaReplay.Step> steps = new java.util.ArrayList<>();
                    for (Object[] row : rows) {
                        Instant at = instant(row[0]);
                        switch ((String) row[1]) {
                            case "START" -> policy = (String) row[4];
                            case "AGENT_REPLY" -> steps.add(SlaReplay.Step.reply(at));
                            case "CUSTOMER_MESSAGE" -> steps.add(SlaReplay.Step.customer(at));
                            default -> steps.add(SlaReplay.Step.status(at, TicketStatus.valueOf((String) row[2]),
                                    TicketStatus.valueOf((String) row[3])));
                        }
                    }
                    return new Timeline(policy, steps);
                });
    }

    static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp ts -> ts.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp " + value.getClass());
        };
    }

    private static Uni<Void> insert(Ticket t, Instant at, String kind, TicketStatus before, TicketStatus after, String policyName) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("INSERT INTO ticket_sla_step "
                + "(tenant, ticket_id, at, kind, status_before, status_after, policy_name) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS text), CAST(?6 AS text), CAST(?7 AS text))")
                .setParameter(1, t.tenant).setParameter(2, t.id).setParameter(3, at).setParameter(4, kind)
                .setParameter(5, before == null ? null : before.name()).setParameter(6, after == null ? null : after.name())
                .setParameter(7, policyName).executeUpdate()).replaceWithVoid();
    }
}
