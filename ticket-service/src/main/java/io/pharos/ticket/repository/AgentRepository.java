package io.pharos.ticket.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.ticket.domain.Agent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class AgentRepository implements PanacheRepositoryBase<Agent, String> {

    public Uni<Agent> findInTenant(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<List<Agent>> ofTenant(String tenant, String team, Agent.Availability availability) {
        StringBuilder q = new StringBuilder("tenant = :tenant and active = true");
        io.quarkus.panache.common.Parameters p = io.quarkus.panache.common.Parameters.with("tenant", tenant);
        if (team != null) {
            q.append(" and team = :team");
            p.and("team", team);
        }
        if (availability != null) {
            q.append(" and availability = :availability");
            p.and("availability", availability);
        }
        return list(q.append(" order by username").toString(), p);
    }

    /** Whether a team exists: teams are no table of their own, they are what active agents of the tenant belong to. */
    public Uni<Boolean> teamHasActiveAgent(String tenant, String team) {
        return count("tenant = ?1 and team = ?2 and active = true", tenant, team).map(n -> n > 0);
    }

    public Uni<List<Agent>> byIds(String tenant, Collection<String> ids) {
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    /**
     * The agent a ticket goes to: online, in the team, speaking its language, with the skills, below
     * capacity; the fewest open tickets first, then the one assigned longest ago (round robin). The
     * row is locked so that two tickets routed at once count each other.
     */
    public Uni<Agent> pick(String tenant, String team, String language, String[] skills) {
        String sql = """
                SELECT a.* FROM agent a
                WHERE a.tenant = ?1 AND a.team = ?2 AND a.active AND a.availability = 'ONLINE'
                  AND (?3 = '' OR ?3 = ANY (a.languages))
                  AND a.skills @> ?4
                  AND (SELECT count(*) FROM ticket t WHERE t.assignee_id = a.id
                       AND t.status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD')) < a.capacity
                ORDER BY (SELECT count(*) FROM ticket t WHERE t.assignee_id = a.id
                          AND t.status IN ('NEW', 'OPEN', 'PENDING', 'ON_HOLD')),
                         a.last_assigned_at NULLS FIRST, a.id
                LIMIT 1 FOR UPDATE OF a""";
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Agent.class).setParameter(1, tenant).setParameter(2, team)
                .setParameter(3, language == null ? "" : language).setParameter(4, skills)
                .getResultList()).map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** Open tickets per agent (their load). */
    public Uni<List<Object[]>> openTickets(String tenant, Collection<String> ids) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery("select assigneeId, count(*) from Ticket where tenant = ?1"
                + " and assigneeId in ?2 and status in (io.pharos.ticket.domain.TicketStatus.NEW, io.pharos.ticket.domain.TicketStatus.OPEN,"
                + " io.pharos.ticket.domain.TicketStatus.PENDING, io.pharos.ticket.domain.TicketStatus.ON_HOLD) group by assigneeId",
                Object[].class).setParameter(1, tenant).setParameter(2, ids).getResultList());
    }
}
