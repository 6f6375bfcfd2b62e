package io.pharos.survey.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Relationship surveys (typically NPS): every {@code intervalDays}, each active (not churned)
 * customer of the tenant gets one invitation, which {@link InvitationSender} sends like any other
 * (throttle included). Planning is one INSERT … SELECT; the unique index on (survey, customer,
 * period) makes concurrent replicas and repeated passes harmless. A customer an import of history
 * brought is first asked one interval after the import, like a customer last asked then: an
 * import is no event to answer, and must not mail a whole customer base at once (issue 20).
 */
@ApplicationScoped
public class RelationshipSurveys {

    private static final Logger LOG = Logger.getLogger(RelationshipSurveys.class);

    static final String PLAN = """
            INSERT INTO invitation (id, tenant, definition_id, ticket_id, customer_id, status, due_at, created_at, period)
            SELECT gen_random_uuid(), d.tenant, d.id, NULL, c.customer_id, 'SCHEDULED', now(), now(),
                   floor(extract(epoch FROM now()) / 86400 / d.interval_days)::integer
            FROM survey_definition d JOIN customer_contact c ON c.tenant = d.tenant
            WHERE d.trigger_kind = 'RELATIONSHIP' AND d.enabled AND c.lifecycle IS DISTINCT FROM 'churned' %s
              AND (c.imported_at IS NULL OR c.imported_at <= now() - d.interval_days * interval '1 day')
              AND NOT EXISTS (SELECT 1 FROM invitation i WHERE i.definition_id = d.id AND i.customer_id = c.customer_id
                              AND i.created_at > now() - d.interval_days * interval '1 day')
            ON CONFLICT DO NOTHING""";

    @Scheduled(every = "${pharos.survey.relationship-plan-interval:1h}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return plan().invoke(n -> {
            if (n > 0) {
                LOG.infof("planned %d relationship survey invitation(s)", n);
            }
        }).replaceWithVoid();
    }

    /** Schedules the invitations that are due now; answers how many. */
    @WithTransaction
    public Uni<Integer> plan() {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(PLAN.formatted("")).executeUpdate());
    }

    /** The same for one tenant only. */
    @WithTransaction
    public Uni<Integer> plan(String tenant) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(PLAN.formatted("AND d.tenant = ?1")).setParameter(1, tenant).executeUpdate());
    }
}
