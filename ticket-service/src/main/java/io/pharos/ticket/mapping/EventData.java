package io.pharos.ticket.mapping;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.Message;
import io.pharos.ticket.domain.SlaClock;
import io.pharos.ticket.domain.Ticket;

/**
 * The denormalised snapshots events carry, so that a consumer never calls ticket-service back
 * (JSON Schemas in src/main/resources/events). Enums are written lower-case by the mapper.
 */
public final class EventData {

    private EventData() {
    }

    public static Map<String, Object> ticket(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id.toString());
        m.put("number", t.number);
        m.put("externalId", t.externalId);
        m.put("subject", t.subject);
        m.put("status", t.status);
        m.put("priority", t.priority);
        m.put("channel", t.channel);
        m.put("requesterId", t.requesterId.toString());
        m.put("assigneeId", t.assigneeId);
        m.put("team", t.team);
        m.put("tags", Arrays.asList(t.tags));
        m.put("language", t.language);
        m.put("createdAt", t.createdAt);
        m.put("updatedAt", t.updatedAt);
        m.put("firstPublicReplyAt", t.firstPublicReplyAt);
        m.put("firstSolvedAt", t.firstSolvedAt);
        m.put("solvedAt", t.solvedAt);
        m.put("closedAt", t.closedAt);
        m.put("reopenCount", t.reopenCount);
        return m;
    }

    /** One SLA clock: its outcome so far ({@code met}, {@code breached}, running or paused, {@code none}). */
    public static Map<String, Object> slaClock(SlaClock c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", c.target);
        m.put("policyId", c.policyId == null ? null : c.policyId.toString());
        m.put("policy", c.policyName);
        m.put("state", c.state);
        m.put("dueAt", c.dueAt);
        m.put("fulfilledAt", c.fulfilledAt);
        m.put("everBreached", c.everBreached);
        m.put("updatedAt", c.updatedAt);
        return m;
    }

    public static Map<String, Object> message(Message msg, boolean firstPublicAgentReply) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", msg.id.toString());
        m.put("authorKind", msg.authorKind);
        m.put("authorId", msg.authorId);
        m.put("visibility", msg.visibility);
        m.put("channel", msg.channel);
        m.put("createdAt", msg.createdAt);
        m.put("firstPublicAgentReply", firstPublicAgentReply);
        m.put("providerMessageId", msg.providerMessageId);
        return m;
    }

    public static Map<String, Object> customer(Customer c, List<CustomerIdentity> identities) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id.toString());
        m.put("externalId", c.externalId);
        m.put("name", c.name);
        m.put("language", c.language);
        m.put("timeZone", c.timeZone);
        m.put("lifecycle", c.lifecycle);
        m.put("churnedOn", c.churnedOn == null ? null : c.churnedOn.toString());
        m.put("createdAt", c.createdAt);
        m.put("updatedAt", c.updatedAt);
        m.put("identities", identities.stream()
                .map(i -> Map.of("type", i.type, "value", i.value)).toList());
        return m;
    }
}
