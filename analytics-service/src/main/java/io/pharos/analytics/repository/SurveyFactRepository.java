package io.pharos.analytics.repository;

import static io.pharos.analytics.repository.TicketFactRepository.utc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Survey answers ({@code survey_fact}): one row per response, holding its latest score and where it is grouped. */
@ApplicationScoped
public class SurveyFactRepository {

    /** A stored answer; channel, team and agent are null while unknown. */
    public record Answer(String type, int score, int scaleMin, int scaleMax, Instant respondedAt, String channel, String team, String agent) {
    }

    /** The response's stored answer, locked until the transaction ends; null when there is none yet. */
    public Uni<Answer> findForUpdate(SqlConnection c, UUID responseId) {
        return c.preparedQuery("SELECT type, score, scale_min, scale_max, responded_at, channel, team, agent FROM survey_fact"
                + " WHERE response_id = $1 FOR UPDATE").execute(Tuple.of(responseId))
                .map(rows -> rows.size() == 0 ? null : answer(rows.iterator().next(), rows.iterator().next().getString("channel")));
    }

    public Uni<Void> updateScore(SqlConnection c, UUID responseId, int score, int scaleMin, int scaleMax, Instant respondedAt) {
        return c.preparedQuery("UPDATE survey_fact SET score = $2, scale_min = $3, scale_max = $4, responded_at = $5 WHERE response_id = $1")
                .execute(Tuple.of(responseId, score, scaleMin, scaleMax, utc(respondedAt))).replaceWithVoid();
    }

    /** Inserts the answer; false when another consumer inserted it meanwhile. */
    public Uni<Boolean> insert(SqlConnection c, String tenant, UUID responseId, UUID ticketId, Answer a) {
        return c.preparedQuery("INSERT INTO survey_fact (response_id, tenant, type, score, scale_min, scale_max, responded_at, ticket_id, channel,"
                + " agent, team) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (response_id) DO NOTHING")
                .execute(Tuple.tuple(List.of(responseId, tenant, a.type(), a.score(), a.scaleMin(), a.scaleMax(), utc(a.respondedAt())))
                        .addValue(ticketId).addValue(a.channel()).addValue(a.agent()).addValue(a.team()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The ticket's answers that had no channel get {@code channel}; returns them as they were before (channel null). */
    public Multi<Answer> assignChannel(SqlConnection c, UUID ticketId, String channel) {
        return c.preparedQuery("UPDATE survey_fact SET channel = $2 WHERE ticket_id = $1 AND channel IS NULL"
                + " RETURNING type, score, scale_min, scale_max, responded_at, team, agent").execute(Tuple.of(ticketId, channel))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows)).map(r -> answer(r, null));
    }

    private static Answer answer(Row r, String channel) {
        return new Answer(r.getString("type"), r.getInteger("score"), r.getInteger("scale_min"), r.getInteger("scale_max"),
                r.getOffsetDateTime("responded_at").toInstant(), channel, r.getString("team"), r.getString("agent"));
    }
}
