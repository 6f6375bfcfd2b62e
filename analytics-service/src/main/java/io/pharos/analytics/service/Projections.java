package io.pharos.analytics.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.repository.RollupRepository;
import io.pharos.commons.time.BusinessCalendar;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies ticket and survey events to the facts, each event id exactly once: the
 * {@code processed_event} row and the facts change in one transaction. Every change commutes —
 * snapshots only replace older snapshots, and everything else is an append-only row whose key
 * makes a repeat a no-op — so events applied in any order, across topics, give the same facts (a
 * reply before its ticket's created event leaves a message row the ticket finds later).
 */
@ApplicationScoped
public class Projections {

    /** The PostgreSQL notification channel that says "this tenant's facts changed". */
    public static final String LIVE_CHANNEL = "pharos_analytics_live";

    /** The groups of data points whose channel, team or agent nobody told (yet). */
    static final String UNKNOWN_CHANNEL = "unknown", NO_TEAM = "none", UNASSIGNED = "unassigned";

    private final Pool pool;
    private final RollupRepository rollups;
    private final ObjectMapper json;

    public Projections(Pool pool, RollupRepository rollups, ObjectMapper json) {
        this.pool = pool;
        this.rollups = rollups;
        this.json = json;
    }

    /** Applies one CloudEvent to the live projections; answers false when its id was applied before. */
    public Uni<Boolean> apply(String topic, JsonNode event) {
        return apply(topic, event, null);
    }

    /**
     * Applies one CloudEvent to the projections of {@code schema} (null: the live ones, and live
     * subscribers are told); the tables of the same names there are used instead of public's.
     */
    public Uni<Boolean> apply(String topic, JsonNode event, String schema) {
        return pool.withTransaction(c -> searchPath(c, schema).flatMap(v -> applyIn(c, topic, event, schema != null)));
    }

    /** One event of a topic, as read from it. */
    public record Incoming(String topic, JsonNode event) {
    }

    /**
     * Applies many events in one transaction (a rebuild's replay: far fewer commits); when one of
     * them cannot be applied, nothing of the batch is, and the caller applies them one by one.
     */
    public Uni<Void> applyAll(List<Incoming> events, String schema) {
        return pool.withTransaction(c -> {
            Uni<Void> chain = searchPath(c, schema);
            for (Incoming e : events) {
                chain = chain.flatMap(v -> applyIn(c, e.topic(), e.event(), schema != null)).replaceWithVoid();
            }
            return chain;
        });
    }

    private static Uni<Void> searchPath(SqlConnection c, String schema) {
        return schema == null ? Uni.createFrom().voidItem() : c.query("SET LOCAL search_path TO " + schema + ", public").execute().replaceWithVoid();
    }

    private Uni<Boolean> applyIn(SqlConnection c, String topic, JsonNode event, boolean quiet) {
        String id = event.path("id").asText(null);
        String type = event.path("type").asText(null);
        String tenant = event.path("tenant").asText(null);
        if (id == null || type == null || tenant == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("a CloudEvent needs id, type and tenant"));
        }
        return c.preparedQuery("INSERT INTO processed_event (event_id, topic, type, processed_at) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT (event_id) DO NOTHING").execute(Tuple.of(id, topic, type, OffsetDateTime.now(ZoneOffset.UTC)))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : effect(c, tenant, type, event.path("data"))
                                // delivered on commit to every replica: their live-counter subscribers look again
                                .flatMap(v -> quiet ? Uni.createFrom().voidItem()
                                        : c.preparedQuery("SELECT pg_notify('" + LIVE_CHANNEL + "', $1)").execute(Tuple.of(tenant)).replaceWithVoid())
                                .replaceWith(true));
    }

    private Uni<Void> effect(SqlConnection c, String tenant, String type, JsonNode data) {
        if (type.startsWith("pharos.ticket.")) {
            JsonNode ticket = data.path("ticket");
            if (ticket.isMissingNode()) {
                return Uni.createFrom().voidItem(); // SLA warnings and the like carry no snapshot
            }
            Uni<Void> chain = snapshot(c, tenant, ticket);
            UUID ticketId = UUID.fromString(ticket.path("id").asText());
            for (JsonNode clock : data.path("slaClocks")) {
                chain = chain.flatMap(v -> slaClock(c, tenant, ticketId, clock, instant(ticket.path("updatedAt"))));
            }
            if ("pharos.ticket.created".equals(type)) {
                chain = chain.flatMap(v -> status(c, tenant, ticketId, "new", instant(ticket.path("createdAt"))));
            }
            if ("pharos.ticket.status.changed".equals(type)) {
                chain = chain.flatMap(v -> status(c, tenant, ticketId, data.path("status").asText().toLowerCase(), instant(data.path("changedAt"))));
            }
            if ("pharos.ticket.reopened".equals(type) || ticket.path("reopenCount").asInt(0) > 0) {
                chain = chain.flatMap(v -> c.preparedQuery("UPDATE ticket_fact SET reopened = true WHERE ticket_id = $1").execute(Tuple.of(ticketId))
                        .replaceWithVoid());
            }
            if ("pharos.ticket.message.added".equals(type)) {
                JsonNode m = data.path("message");
                chain = chain.flatMap(v -> c.preparedQuery("INSERT INTO message_fact (message_id, tenant, ticket_id, author_kind, visibility, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) DO NOTHING")
                        .execute(Tuple.of(UUID.fromString(m.path("id").asText()), tenant, ticketId, m.path("authorKind").asText().toLowerCase(),
                                m.path("visibility").asText().toLowerCase(), offset(instant(m.path("createdAt")))))
                        .replaceWithVoid());
            }
            return chain.flatMap(v -> recontribute(c, tenant, ticketId));
        }
        if (type.startsWith("pharos.customer.")) {
            JsonNode customer = data.path("customer");
            Uni<Void> chain = c.preparedQuery("INSERT INTO customer_fact (customer_id, tenant, created_at, churned_on, snapshot_at) VALUES ($1, $2, $3, $4, $5)"
                    + " ON CONFLICT (customer_id) DO UPDATE SET created_at = excluded.created_at, churned_on = excluded.churned_on,"
                    + " snapshot_at = excluded.snapshot_at WHERE customer_fact.snapshot_at <= excluded.snapshot_at")
                    .execute(Tuple.of(UUID.fromString(customer.path("id").asText()), tenant, offset(instant(customer.path("createdAt"))),
                            customer.hasNonNull("churnedOn") ? java.time.LocalDate.parse(customer.path("churnedOn").asText()) : null,
                            offset(instant(customer.path("updatedAt")))))
                    .replaceWithVoid();
            if (data.hasNonNull("mergedCustomerId")) { // the merged customer lives on in the survivor
                UUID merged = UUID.fromString(data.path("mergedCustomerId").asText());
                chain = chain.flatMap(v -> c.preparedQuery("INSERT INTO customer_fact (customer_id, tenant, created_at, merged_away, snapshot_at)"
                        + " VALUES ($1, $2, $3, true, $3) ON CONFLICT (customer_id) DO UPDATE SET merged_away = true")
                        .execute(Tuple.of(merged, tenant, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid());
            }
            return chain;
        }
        if ("pharos.agent.availability.changed".equals(type)) {
            JsonNode agent = data.path("agent");
            return c.preparedQuery("INSERT INTO agent_presence (agent_id, tenant, team, availability, active, changed_at) VALUES ($1, $2, $3, $4, $5, $6)"
                    + " ON CONFLICT (agent_id) DO UPDATE SET team = excluded.team, availability = excluded.availability, active = excluded.active,"
                    + " changed_at = excluded.changed_at WHERE agent_presence.changed_at <= excluded.changed_at")
                    .execute(Tuple.tuple(List.of(agent.path("id").asText(), tenant)).addValue(text(agent.path("team")))
                            .addValue(lower(agent.path("availability"))).addValue(agent.path("active").asBoolean(true))
                            .addValue(offset(instant(agent.path("changedAt")))))
                    .replaceWithVoid();
        }
        if ("pharos.calendar.updated".equals(type)) {
            JsonNode cal = data.path("calendar");
            String definition;
            try {
                definition = json.writeValueAsString(cal);
                Calendars.read(cal); // a calendar we could not use later is refused now (to the dead-letter topic)
            } catch (Exception e) {
                return Uni.createFrom().failure(new IllegalArgumentException("unreadable calendar: " + e.getMessage(), e));
            }
            Instant updatedAt = instant(cal.path("updatedAt"));
            if (data.path("deleted").asBoolean(false)) {
                return c.preparedQuery("DELETE FROM calendar_replica WHERE id = $1").execute(Tuple.of(UUID.fromString(cal.path("id").asText())))
                        .replaceWithVoid();
            }
            return c.preparedQuery("INSERT INTO calendar_replica (id, tenant, is_default, definition, updated_at) VALUES ($1, $2, $3, $4, $5)"
                    + " ON CONFLICT (id) DO UPDATE SET is_default = excluded.is_default, definition = excluded.definition,"
                    + " updated_at = excluded.updated_at WHERE calendar_replica.updated_at <= excluded.updated_at")
                    .execute(Tuple.of(UUID.fromString(cal.path("id").asText()), tenant, cal.path("isDefault").asBoolean(false), definition,
                            offset(updatedAt)))
                    // business times follow the calendar: every ticket of the tenant is recomputed (calendar changes are rare)
                    .flatMap(rows -> rows.rowCount() == 0 || !cal.path("isDefault").asBoolean(false) ? Uni.createFrom().voidItem()
                            : recontributeAll(c, tenant));
        }
        if ("pharos.survey.responded".equals(type)) {
            return surveyAnswer(c, tenant, data);
        }
        return Uni.createFrom().voidItem(); // other survey events (sent, …) change no KPI
    }

    private Uni<Void> recontributeAll(SqlConnection c, String tenant) {
        // one after the other as a stream: a chain of one flatMap per ticket overflows the stack at some ten thousand tickets
        return c.preparedQuery("SELECT ticket_id FROM ticket_fact WHERE tenant = $1 ORDER BY ticket_id").execute(Tuple.of(tenant))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(r -> recontribute(c, tenant, r.getUUID("ticket_id")))
                .collect().last().replaceWithVoid();
    }

    /** Recomputes what the ticket adds to the rollups from all its facts, and swaps it in. */
    private Uni<Void> recontribute(SqlConnection c, String tenant, UUID ticketId) {
        Uni<Row> ticket = c.preparedQuery("SELECT channel, team, assignee, created_at, reopened FROM ticket_fact WHERE ticket_id = $1")
                .execute(Tuple.of(ticketId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
        Uni<List<Contributions.Message>> messages = c.preparedQuery("SELECT author_kind, visibility, created_at FROM message_fact WHERE ticket_id = $1")
                .execute(Tuple.of(ticketId)).map(rows -> {
                    List<Contributions.Message> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Contributions.Message(r.getString("author_kind"), r.getString("visibility"),
                            r.getOffsetDateTime("created_at").toInstant())));
                    return list;
                });
        Uni<List<Contributions.StatusChange>> statuses = c.preparedQuery("SELECT status, changed_at FROM status_fact WHERE ticket_id = $1")
                .execute(Tuple.of(ticketId)).map(rows -> {
                    List<Contributions.StatusChange> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Contributions.StatusChange(r.getString("status"), r.getOffsetDateTime("changed_at").toInstant())));
                    return list;
                });
        Uni<List<Contributions.SlaOutcome>> sla = c.preparedQuery("SELECT target, state, ever_breached, due_at, fulfilled_at FROM sla_fact"
                + " WHERE ticket_id = $1").execute(Tuple.of(ticketId)).map(rows -> {
                    List<Contributions.SlaOutcome> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Contributions.SlaOutcome(r.getString("target"), r.getString("state"), r.getBoolean("ever_breached"),
                            instantOf(r.getOffsetDateTime("due_at")), instantOf(r.getOffsetDateTime("fulfilled_at")))));
                    return list;
                });
        return ticket.flatMap(t -> {
            if (t == null || t.getOffsetDateTime("created_at") == null) {
                return Uni.createFrom().voidItem();
            }
            return messages.flatMap(ms -> statuses.flatMap(ss -> sla.flatMap(outcomes -> calendar(c, tenant).flatMap(calendar -> {
                Contributions.Ticket facts = new Contributions.Ticket(t.getOffsetDateTime("created_at").toInstant(), t.getBoolean("reopened"), ms, ss,
                        outcomes);
                return rollups.replace(c, tenant, ticketId, Contributions.of(facts, calendar), orElse(t.getString("channel"), UNKNOWN_CHANNEL),
                        orElse(t.getString("team"), NO_TEAM), orElse(t.getString("assignee"), UNASSIGNED));
            }))));
        });
    }

    /** The tenant's default calendar (the newest marked default), or around the clock in UTC until one arrives. */
    public Uni<BusinessCalendar> calendar(SqlConnection c, String tenant) {
        return c.preparedQuery("SELECT definition FROM calendar_replica WHERE tenant = $1 AND is_default ORDER BY updated_at DESC LIMIT 1")
                .execute(Tuple.of(tenant)).map(rows -> {
                    if (rows.size() == 0) {
                        return Calendars.FALLBACK;
                    }
                    try {
                        return Calendars.read(json.readTree(rows.iterator().next().getString("definition")));
                    } catch (Exception e) {
                        return Calendars.FALLBACK;
                    }
                });
    }

    /**
     * A survey answer, new or changed: the customer may change their score for a while after the
     * first click (survey-service's change window); each change is the same response with a later
     * {@code respondedAt} and replaces the score, in the hour of the change. The same answer again,
     * or an older one arriving late, changes nothing.
     */
    private Uni<Void> surveyAnswer(SqlConnection c, String tenant, JsonNode data) {
        UUID responseId = UUID.fromString(data.path("responseId").asText());
        String surveyType = data.path("type").asText().toLowerCase();
        int score = data.path("score").asInt();
        int scaleMin = data.path("scaleMin").asInt();
        int scaleMax = data.path("scaleMax").asInt();
        Instant respondedAt = instant(data.path("respondedAt"));
        List<Contributions.Point> points = Contributions.survey(surveyType, score, scaleMin, scaleMax, respondedAt);
        UUID ticketId = data.hasNonNull("ticketId") ? UUID.fromString(data.path("ticketId").asText()) : null;
        String team = text(data.path("team"));
        String agent = text(data.path("agentId"));
        return c.preparedQuery("SELECT type, score, scale_min, scale_max, responded_at, channel, team, agent FROM survey_fact"
                + " WHERE response_id = $1 FOR UPDATE").execute(Tuple.of(responseId)).flatMap(found -> {
                    if (found.size() > 0) {
                        Row old = found.iterator().next();
                        Instant oldAt = old.getOffsetDateTime("responded_at").toInstant();
                        if (!respondedAt.isAfter(oldAt)) {
                            return Uni.createFrom().voidItem();
                        }
                        List<Contributions.Point> oldPoints = Contributions.survey(old.getString("type"), old.getInteger("score"),
                                old.getInteger("scale_min"), old.getInteger("scale_max"), oldAt);
                        return c.preparedQuery("UPDATE survey_fact SET score = $2, scale_min = $3, scale_max = $4, responded_at = $5"
                                + " WHERE response_id = $1").execute(Tuple.of(responseId, score, scaleMin, scaleMax, offset(respondedAt)))
                                .flatMap(v -> rollups.swap(c, tenant, oldPoints, points, orElse(old.getString("channel"), UNKNOWN_CHANNEL),
                                        orElse(old.getString("team"), NO_TEAM), orElse(old.getString("agent"), UNASSIGNED)));
                    }
                    return channelOf(c, lower(data.path("channel")), ticketId).flatMap(channel -> c.preparedQuery(
                            "INSERT INTO survey_fact (response_id, tenant, type, score, scale_min, scale_max, responded_at, ticket_id, channel,"
                                    + " agent, team) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (response_id) DO NOTHING")
                            .execute(Tuple.tuple(List.of(responseId, tenant, surveyType, score, scaleMin, scaleMax, offset(respondedAt)))
                                    .addValue(ticketId).addValue(channel).addValue(agent).addValue(team))
                            .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() // inserted meanwhile by another consumer
                                    : rollups.add(c, tenant, points, orElse(channel, UNKNOWN_CHANNEL), orElse(team, NO_TEAM),
                                            orElse(agent, UNASSIGNED))));
                });
    }

    /**
     * The channel of a survey answer: as the event says, else its ticket's as analytics knows it. An
     * answer whose ticket has not arrived yet counts under "unknown" until it does ({@link
     * #answersFindTheirChannel}); the lock on the ticket id makes the two meet whichever commits first.
     */
    private Uni<String> channelOf(SqlConnection c, String given, UUID ticketId) {
        if (given != null || ticketId == null) {
            return Uni.createFrom().item(given);
        }
        return lockTicket(c, ticketId).flatMap(v -> c.preparedQuery("SELECT channel FROM ticket_fact WHERE ticket_id = $1").execute(Tuple.of(ticketId)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("channel"));
    }

    /** A ticket's survey answers that came before it move from channel "unknown" to its channel. */
    private Uni<Void> answersFindTheirChannel(SqlConnection c, String tenant, UUID ticketId, String channel) {
        if (channel == null) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE survey_fact SET channel = $2 WHERE ticket_id = $1 AND channel IS NULL"
                + " RETURNING type, score, scale_min, scale_max, responded_at, team, agent").execute(Tuple.of(ticketId, channel))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(r -> rollups.moveChannel(c, tenant,
                        Contributions.survey(r.getString("type"), r.getInteger("score"), r.getInteger("scale_min"), r.getInteger("scale_max"),
                                r.getOffsetDateTime("responded_at").toInstant()),
                        UNKNOWN_CHANNEL, channel, orElse(r.getString("team"), NO_TEAM), orElse(r.getString("agent"), UNASSIGNED)))
                .collect().last().replaceWithVoid();
    }

    /** Serialises a ticket's first facts with its early survey answers (held until the transaction ends). */
    private static Uni<Void> lockTicket(SqlConnection c, UUID ticketId) {
        return c.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").execute(Tuple.of(ticketId.toString())).replaceWithVoid();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The descriptive columns follow the newest snapshot; created_at is kept from whichever came first. */
    private Uni<Void> snapshot(SqlConnection c, String tenant, JsonNode t) {
        Instant updatedAt = instant(t.path("updatedAt"));
        UUID ticketId = UUID.fromString(t.path("id").asText());
        return lockTicket(c, ticketId).flatMap(locked -> c.preparedQuery("INSERT INTO ticket_fact (ticket_id, tenant, number, channel, team, assignee, priority, requester_id, status, created_at,"
                + " snapshot_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                + " ON CONFLICT (ticket_id) DO UPDATE SET number = excluded.number, channel = excluded.channel, team = excluded.team,"
                + " assignee = excluded.assignee, priority = excluded.priority, requester_id = excluded.requester_id, status = excluded.status,"
                + " created_at = excluded.created_at, snapshot_at = excluded.snapshot_at"
                + " WHERE ticket_fact.snapshot_at IS NULL OR ticket_fact.snapshot_at <= excluded.snapshot_at")
                .execute(Tuple.tuple(List.of(ticketId, tenant)).addValue(t.path("number").asLong())
                        .addValue(lower(t.path("channel"))).addValue(text(t.path("team"))).addValue(text(t.path("assigneeId")))
                        .addValue(lower(t.path("priority"))).addValue(t.hasNonNull("requesterId") ? UUID.fromString(t.path("requesterId").asText()) : null)
                        .addValue(lower(t.path("status"))).addValue(offset(instant(t.path("createdAt")))).addValue(offset(updatedAt))))
                .flatMap(rows -> answersFindTheirChannel(c, tenant, ticketId, lower(t.path("channel"))));
    }

    /** A newer view of a clock replaces an older one; a breach, once seen, stays. */
    private Uni<Void> slaClock(SqlConnection c, String tenant, UUID ticketId, JsonNode clock, Instant ticketUpdatedAt) {
        Instant asOf = clock.hasNonNull("updatedAt") ? instant(clock.path("updatedAt")) : ticketUpdatedAt;
        return c.preparedQuery("INSERT INTO sla_fact (ticket_id, target, tenant, policy, state, due_at, fulfilled_at, ever_breached, as_of)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (ticket_id, target) DO UPDATE SET"
                + " policy = CASE WHEN sla_fact.as_of <= excluded.as_of THEN excluded.policy ELSE sla_fact.policy END,"
                + " state = CASE WHEN sla_fact.as_of <= excluded.as_of THEN excluded.state ELSE sla_fact.state END,"
                + " due_at = CASE WHEN sla_fact.ever_breached AND NOT excluded.ever_breached THEN sla_fact.due_at"
                + "   WHEN excluded.ever_breached AND NOT sla_fact.ever_breached THEN excluded.due_at"
                + "   WHEN sla_fact.as_of <= excluded.as_of THEN excluded.due_at ELSE sla_fact.due_at END,"
                + " fulfilled_at = CASE WHEN sla_fact.as_of <= excluded.as_of THEN excluded.fulfilled_at ELSE sla_fact.fulfilled_at END,"
                + " ever_breached = sla_fact.ever_breached OR excluded.ever_breached,"
                + " as_of = GREATEST(sla_fact.as_of, excluded.as_of)")
                .execute(Tuple.tuple(List.of(ticketId, lower(clock.path("target")), tenant)).addValue(text(clock.path("policy")))
                        .addValue(lower(clock.path("state"))).addValue(offset(clock.hasNonNull("dueAt") ? instant(clock.path("dueAt")) : null))
                        .addValue(offset(clock.hasNonNull("fulfilledAt") ? instant(clock.path("fulfilledAt")) : null))
                        .addValue(clock.path("everBreached").asBoolean(false)).addValue(offset(asOf)))
                .replaceWithVoid();
    }

    private Uni<Void> status(SqlConnection c, String tenant, UUID ticketId, String status, Instant at) {
        return c.preparedQuery("INSERT INTO status_fact (ticket_id, tenant, status, changed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(ticketId, tenant, status, offset(at))).replaceWithVoid();
    }

    private static Instant instant(JsonNode n) {
        if (n.isNumber()) { // Jackson may write instants as epoch seconds with a fraction
            return Instant.ofEpochSecond(n.longValue(), Math.round((n.doubleValue() - n.longValue()) * 1e9));
        }
        return Instant.parse(n.asText());
    }

    private static Instant instantOf(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime offset(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String lower(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText().toLowerCase();
    }
}
