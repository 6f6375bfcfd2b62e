package io.pharos.analytics.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.analytics.model.Contributions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A ticket's facts: its latest snapshot ({@code ticket_fact}), its messages, status changes and SLA
 * clocks. Every write commutes, so events may arrive in any order: snapshots only replace older
 * snapshots, everything else is an append-only row whose key makes a repeat a no-op.
 */
@ApplicationScoped
public class TicketFactRepository {

    /** The descriptive columns of a ticket as one snapshot shows them (enums lower-case). */
    public record Snapshot(UUID id, long number, String channel, String team, String assignee, String priority, UUID requesterId, String status,
            Instant createdAt, Instant updatedAt) {
    }

    /** One SLA target's clock as of {@code asOf}. */
    public record SlaClock(String target, String policy, String state, Instant dueAt, Instant fulfilledAt, boolean everBreached, Instant asOf) {
    }

    /** Everything the rollups need of one ticket: where it is grouped and the facts its data points come from. */
    public record Facts(String channel, String team, String assignee, Contributions.Ticket ticket) {
    }

    /**
     * Serialises a ticket's first facts with its early survey answers (held until the transaction
     * ends). A batch locks all its tickets at once, in the order given (sorted by the caller), so that
     * two transactions locking overlapping sets never wait on each other in a cycle.
     */
    public Uni<Void> lock(SqlConnection c, List<UUID> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // unnest yields the array in order, and each row's lock is taken as it comes
        String[] ids = ticketIds.stream().map(UUID::toString).toArray(String[]::new);
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended(t, 0)) FROM unnest($1::text[]) AS t").execute(Tuple.of((Object) ids))
                .replaceWithVoid();
    }

    /** The descriptive columns follow the newest snapshot; created_at is kept from whichever came first. */
    public Uni<Void> upsert(SqlConnection c, String tenant, Snapshot t) {
        return c.preparedQuery("INSERT INTO ticket_fact (ticket_id, tenant, number, channel, team, assignee, priority, requester_id, status, created_at,"
                + " snapshot_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                + " ON CONFLICT (ticket_id) DO UPDATE SET number = excluded.number, channel = excluded.channel, team = excluded.team,"
                + " assignee = excluded.assignee, priority = excluded.priority, requester_id = excluded.requester_id, status = excluded.status,"
                + " created_at = excluded.created_at, snapshot_at = excluded.snapshot_at"
                + " WHERE ticket_fact.snapshot_at IS NULL OR ticket_fact.snapshot_at <= excluded.snapshot_at")
                .execute(Tuple.tuple(List.of(t.id(), tenant)).addValue(t.number()).addValue(t.channel()).addValue(t.team()).addValue(t.assignee())
                        .addValue(t.priority()).addValue(t.requesterId()).addValue(t.status()).addValue(utc(t.createdAt())).addValue(utc(t.updatedAt())))
                .replaceWithVoid();
    }

    /** Who opened the ticket never changes: any snapshot that says it sets it, whatever its age. */
    public Uni<Void> openedBy(SqlConnection c, UUID ticketId, String openedBy) {
        return c.preparedQuery("UPDATE ticket_fact SET opened_by = $2 WHERE ticket_id = $1 AND opened_by IS DISTINCT FROM $2")
                .execute(Tuple.of(ticketId, openedBy)).replaceWithVoid();
    }

    public Uni<Void> markReopened(SqlConnection c, UUID ticketId) {
        return c.preparedQuery("UPDATE ticket_fact SET reopened = true WHERE ticket_id = $1").execute(Tuple.of(ticketId)).replaceWithVoid();
    }

    public Uni<Void> addStatus(SqlConnection c, String tenant, UUID ticketId, String status, Instant at) {
        return c.preparedQuery("INSERT INTO status_fact (ticket_id, tenant, status, changed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(ticketId, tenant, status, utc(at))).replaceWithVoid();
    }

    public Uni<Void> addMessage(SqlConnection c, String tenant, UUID ticketId, UUID messageId, String authorKind, String visibility, Instant at) {
        return c.preparedQuery("INSERT INTO message_fact (message_id, tenant, ticket_id, author_kind, visibility, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) DO NOTHING")
                .execute(Tuple.of(messageId, tenant, ticketId, authorKind, visibility, utc(at))).replaceWithVoid();
    }

    /** A newer view of a clock replaces an older one; a breach, once seen, stays. */
    public Uni<Void> upsertSlaClock(SqlConnection c, String tenant, UUID ticketId, SlaClock clock) {
        return c.preparedQuery("INSERT INTO sla_fact (ticket_id, target, tenant, policy, state, due_at, fulfilled_at, ever_breached, as_of)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ticket_id, target) DO UPDATE SET"
                + " policy = CASE WHEN sla_fact.as_of <= excluded.as_of THEN excluded.policy ELSE sla_fact.policy END,"
                + " state = CASE WHEN sla_fact.as_of <= excluded.as_of THEN excluded.state ELSE sla_fact.state END,"
                // a newer clock replaces the older one whole, breach included: ticket-service never forgets a breach on its
                // own, so a newer clock without one is a recomputation under changed definitions (POST /api/v1/sla/recompute);
                // two snapshots of the same instant keep the breach either of them saw
                + " due_at = CASE WHEN sla_fact.as_of < excluded.as_of THEN excluded.due_at WHEN sla_fact.as_of > excluded.as_of THEN sla_fact.due_at"
                + "   WHEN sla_fact.ever_breached AND NOT excluded.ever_breached THEN sla_fact.due_at ELSE excluded.due_at END,"
                + " fulfilled_at = CASE WHEN sla_fact.as_of <= excluded.as_of THEN excluded.fulfilled_at ELSE sla_fact.fulfilled_at END,"
                + " ever_breached = CASE WHEN sla_fact.as_of < excluded.as_of THEN excluded.ever_breached"
                + "   WHEN sla_fact.as_of > excluded.as_of THEN sla_fact.ever_breached ELSE sla_fact.ever_breached OR excluded.ever_breached END,"
                + " as_of = GREATEST(sla_fact.as_of, excluded.as_of)")
                .execute(Tuple.tuple(List.of(ticketId, clock.target(), tenant)).addValue(clock.policy()).addValue(clock.state())
                        .addValue(utc(clock.dueAt())).addValue(utc(clock.fulfilledAt())).addValue(clock.everBreached()).addValue(utc(clock.asOf())))
                .replaceWithVoid();
    }

    /** The channel analytics knows for the ticket; null when its first event has not arrived. */
    public Uni<String> channel(SqlConnection c, UUID ticketId) {
        return c.preparedQuery("SELECT channel FROM ticket_fact WHERE ticket_id = $1").execute(Tuple.of(ticketId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("channel"));
    }

    /** The tenant's ticket ids, in order, as a stream (a tenant may have many). */
    public Multi<UUID> ticketIds(SqlConnection c, String tenant) {
        return c.preparedQuery("SELECT ticket_id FROM ticket_fact WHERE tenant = $1 ORDER BY ticket_id").execute(Tuple.of(tenant))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows)).map(r -> r.getUUID("ticket_id"));
    }

    /**
     * The tickets' facts, by ticket id; a ticket whose created event has not arrived is left out.
     * Four reads for all the tickets, pipelined on the connection: not four per ticket.
     */
    public Uni<Map<UUID, Facts>> facts(SqlConnection c, List<UUID> ticketIds) {
        Tuple ids = Tuple.of((Object) ticketIds.toArray(UUID[]::new));
        Uni<Map<UUID, List<Contributions.Message>>> messages = byTicket(c, "SELECT ticket_id, author_kind, visibility, created_at FROM message_fact"
                + " WHERE ticket_id = ANY($1)", ids,
                r -> new Contributions.Message(r.getString("author_kind"), r.getString("visibility"), r.getOffsetDateTime("created_at").toInstant()));
        Uni<Map<UUID, List<Contributions.StatusChange>>> statuses = byTicket(c, "SELECT ticket_id, status, changed_at FROM status_fact"
                + " WHERE ticket_id = ANY($1)", ids, r -> new Contributions.StatusChange(r.getString("status"), r.getOffsetDateTime("changed_at").toInstant()));
        Uni<Map<UUID, List<Contributions.SlaOutcome>>> outcomes = byTicket(c, "SELECT ticket_id, target, state, ever_breached, due_at, fulfilled_at"
                + " FROM sla_fact WHERE ticket_id = ANY($1)", ids, r -> new Contributions.SlaOutcome(r.getString("target"), r.getString("state"),
                        r.getBoolean("ever_breached"), instant(r.getOffsetDateTime("due_at")), instant(r.getOffsetDateTime("fulfilled_at"))));
        Uni<List<Row>> found = c.preparedQuery("SELECT ticket_id, channel, team, assignee, created_at, reopened, opened_by FROM ticket_fact"
                + " WHERE ticket_id = ANY($1) AND created_at IS NOT NULL").execute(ids).map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
        return Uni.combine().all().unis(found, messages, statuses, outcomes).with((rows, ms, ss, os) -> {
            Map<UUID, Facts> out = new HashMap<>();
            for (Row t : rows) {
                UUID id = t.getUUID("ticket_id");
                out.put(id, new Facts(t.getString("channel"), t.getString("team"), t.getString("assignee"), new Contributions.Ticket(
                        t.getOffsetDateTime("created_at").toInstant(), t.getBoolean("reopened"), ms.getOrDefault(id, List.of()),
                        ss.getOrDefault(id, List.of()), os.getOrDefault(id, List.of()), t.getString("opened_by"))));
            }
            return out;
        });
    }

    private static <T> Uni<Map<UUID, List<T>>> byTicket(SqlConnection c, String query, Tuple ids, Function<Row, T> read) {
        return c.preparedQuery(query).execute(ids).map(rows -> {
            Map<UUID, List<T>> out = new HashMap<>();
            rows.forEach(r -> out.computeIfAbsent(r.getUUID("ticket_id"), id -> new ArrayList<>()).add(read.apply(r)));
            return out;
        });
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
