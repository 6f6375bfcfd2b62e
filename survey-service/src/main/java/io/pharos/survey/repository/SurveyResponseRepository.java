package io.pharos.survey.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.paging.Cursor;
import io.pharos.survey.api.ResponseFilter;
import io.pharos.survey.api.ThemeCount;
import io.pharos.survey.domain.SurveyResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, UUID> {

    private static final ObjectMapper EXAMPLES = new ObjectMapper();

    public Uni<SurveyResponse> forInvitation(UUID invitationId) {
        return find("invitationId", invitationId).firstResult();
    }

    public Uni<SurveyResponse> findInTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** Newest first by response time, keyset-paged after {@code after}; {@code limit + 1} rows tell whether more exist. */
    public Uni<List<SurveyResponse>> page(String tenant, ResponseFilter f, Cursor after, int limit) {
        StringBuilder q = new StringBuilder("tenant = :tenant");
        Parameters p = Parameters.with("tenant", tenant);
        if (f.surveyId() != null) {
            q.append(" and definitionId = :survey");
            p.and("survey", f.surveyId());
        }
        if (f.type() != null) {
            q.append(" and type = :type");
            p.and("type", f.type());
        }
        if (f.ticketId() != null) {
            q.append(" and ticketId = :ticket");
            p.and("ticket", f.ticketId());
        }
        if (f.customerId() != null) {
            q.append(" and customerId = :customer");
            p.and("customer", f.customerId());
        }
        if (f.agentId() != null) {
            q.append(" and agentId = :agent");
            p.and("agent", f.agentId());
        }
        if (f.team() != null) {
            q.append(" and team = :team");
            p.and("team", f.team());
        }
        if (f.channel() != null) {
            q.append(" and channel = :channel");
            p.and("channel", f.channel().toLowerCase());
        }
        if (f.sentiment() != null) {
            q.append(" and sentiment = :sentiment");
            p.and("sentiment", f.sentiment().toLowerCase());
        }
        if (f.theme() != null) {
            q.append(" and array_contains(themes, :theme)");
            p.and("theme", f.theme());
        }
        if (f.minScore() != null) {
            q.append(" and score >= :minScore");
            p.and("minScore", f.minScore());
        }
        if (f.maxScore() != null) {
            q.append(" and score <= :maxScore");
            p.and("maxScore", f.maxScore());
        }
        if (f.from() != null) {
            q.append(" and respondedAt >= :from");
            p.and("from", f.from());
        }
        if (f.to() != null) {
            q.append(" and respondedAt < :to");
            p.and("to", f.to());
        }
        if (after != null) {
            q.append(" and (respondedAt < :afterAt or (respondedAt = :afterAt and id < :afterId))");
            p.and("afterAt", after.at()).and("afterId", after.id());
        }
        q.append(" order by respondedAt desc, id desc");
        return find(q.toString(), p).page(0, limit + 1).list();
    }

    /** The latest response of each ticket (the ticket's satisfaction). */
    public Uni<List<SurveyResponse>> latestOfTickets(String tenant, Collection<UUID> ticketIds) {
        return list("from SurveyResponse r where r.tenant = ?1 and r.ticketId in ?2 and r.respondedAt = "
                + "(select max(o.respondedAt) from SurveyResponse o where o.tenant = r.tenant and o.ticketId = r.ticketId)",
                tenant, ticketIds);
    }

    public Uni<List<SurveyResponse>> ofCustomers(String tenant, Collection<UUID> customerIds) {
        return list("tenant = ?1 and customerId in ?2 order by respondedAt desc, id desc", tenant, customerIds);
    }

    // the reactive driver cannot hand a text[] of a native query to Hibernate; the examples travel as JSON
    private static List<String> examplesOf(String json) {
        try {
            return EXAMPLES.readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Themes of the comments in [from, to), most frequent first, each with its newest comments. */
    @SuppressWarnings("unchecked")
    public Uni<List<ThemeCount>> topThemes(String tenant, Instant from, Instant to, int limit, int examples) {
        String sql = """
                WITH tagged AS (
                    SELECT t.theme, r.comment, r.sentiment, r.responded_at,
                           row_number() OVER (PARTITION BY t.theme ORDER BY r.responded_at DESC, r.id DESC) AS recency
                    FROM survey_response r CROSS JOIN LATERAL unnest(r.themes) AS t(theme)
                    WHERE r.tenant = ?1 AND r.responded_at >= ?2 AND r.responded_at < ?3)
                SELECT theme, count(*), count(*) FILTER (WHERE sentiment = 'negative'),
                       coalesce(json_agg(comment ORDER BY recency) FILTER (WHERE recency <= ?4), '[]')::text
                FROM tagged GROUP BY theme ORDER BY count(*) DESC, theme LIMIT ?5""";
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Object[].class).setParameter(1, tenant)
                .setParameter(2, from).setParameter(3, to).setParameter(4, examples).setParameter(5, limit).getResultList())
                .map(rows -> {
                    List<ThemeCount> out = new ArrayList<>();
                    for (Object[] row : rows) {
                        List<String> list = examplesOf((String) row[3]);
                        out.add(new ThemeCount((String) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), list));
                    }
                    return out;
                });
    }
}
