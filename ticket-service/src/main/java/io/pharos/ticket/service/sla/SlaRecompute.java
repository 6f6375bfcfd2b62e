package io.pharos.ticket.service.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.commons.messaging.History;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.SlaRecomputeJob;
import io.pharos.ticket.domain.Ticket;
import io.pharos.ticket.service.TimeSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Recomputes the SLA clocks of a tenant's tickets created from a date onward, after a calendar or a
 * policy changed (issue 20, item 6): a job on a worker thread, in batches, each ticket replayed
 * ({@link SlaHistory#recomputed}) in a transaction of its own and its {@code pharos.ticket.updated}
 * marked historical (consumers re-derive, nobody is notified). A ticket that fails is logged and
 * counted, and the job goes on. Progress is kept in {@code sla_recompute_job}.
 */
@ApplicationScoped
public class SlaRecompute {

    private static final Logger LOG = Logger.getLogger(SlaRecompute.class);
    static final int BATCH = 100;

    private final SlaHistory history;
    private final CalendarService calendars;
    private final TimeSource time;

    public SlaRecompute(SlaHistory history, CalendarService calendars, TimeSource time) {
        this.history = history;
        this.calendars = calendars;
        this.time = time;
    }

    /**
     * Starts a recomputation of the tickets created at or after {@code from} and before {@code to} (null: no end),
     * each an ISO date (midnight in the tenant's default calendar's zone) or an instant.
     */
    public Uni<SlaRecomputeJob> start(String tenant, String from, String to) {
        return instant(tenant, from).flatMap(since -> (to == null ? Uni.createFrom().<Instant> nullItem() : instant(tenant, to))
                .flatMap(until -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> range(s.createSelectionQuery(
                        "select count(t) from Ticket t where t.tenant = :tenant and t.createdAt >= :from" + (until == null ? "" : " and t.createdAt < :to"),
                        Long.class), tenant, since, until).getSingleResult()).flatMap(total -> {
                            SlaRecomputeJob job = new SlaRecomputeJob(UUID.randomUUID(), "running", total.intValue(), 0, 0, since, until,
                                    time.now(), null);
                            return Panache.getSession().flatMap(s -> s.createNativeQuery("INSERT INTO sla_recompute_job "
                                    + "(id, tenant, status, from_at, to_at, total, started_at) VALUES (?1, ?2, 'running', ?3, CAST(?4 AS timestamptz), ?5, ?6)")
                                    .setParameter(1, job.id()).setParameter(2, tenant).setParameter(3, since).setParameter(4, until)
                                    .setParameter(5, job.total()).setParameter(6, job.startedAt()).executeUpdate()).replaceWith(job);
                        }))))
                // after the commit, so the job's row is there for whoever asks
                .invoke(job -> Infrastructure.getDefaultWorkerPool().execute(() -> run(tenant, job)));
    }

    private static <Q extends org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?>> Q range(Q query, String tenant, Instant from, Instant to) {
        query.setParameter("tenant", tenant).setParameter("from", from);
        if (to != null) {
            query.setParameter("to", to);
        }
        return query;
    }

    public Uni<SlaRecomputeJob> get(String tenant, UUID id) {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "SELECT id, status, total, done, failed, from_at, to_at, started_at, finished_at FROM sla_recompute_job WHERE tenant = ?1 AND id = ?2",
                Object[].class).setParameter(1, tenant).setParameter(2, id).getResultList())).map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("SLA recomputation", id);
                    }
                    Object[] r = rows.getFirst();
                    return new SlaRecomputeJob((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                            ((Number) r[4]).intValue(), SlaTimeline.instant(r[5]), r[6] == null ? null : SlaTimeline.instant(r[6]),
                            SlaTimeline.instant(r[7]), r[8] == null ? null : SlaTimeline.instant(r[8]));
                });
    }

    /** The job itself, blocking on a worker thread: batch after batch of ticket ids, each ticket on its own. */
    void run(String tenant, SlaRecomputeJob job) {
        int done = 0;
        int failed = 0;
        String status = "done";
        try {
            Instant afterCreated = null;
            UUID afterId = null;
            while (true) {
                List<Object[]> batch = batch(tenant, job, afterCreated, afterId);
                for (Object[] row : batch) {
                    UUID id = (UUID) row[0];
                    try {
                        Instant now = time.now();
                        VertxContextSupport.subscribeAndAwait(() -> History.of(() -> Panache.withTransaction(() -> Panache.getSession()
                                .flatMap(s -> s.find(Ticket.class, id)).flatMap(t -> history.recomputed(t, now)))));
                    } catch (Throwable e) {
                        failed++;
                        LOG.warnf(e, "SLA recomputation %s: ticket %s failed; going on", job.id(), id);
                    }
                    done++;
                }
                progress(job.id(), "running", done, failed, null);
                if (batch.size() < BATCH) {
                    break;
                }
                Object[] last = batch.getLast();
                afterCreated = (Instant) last[1];
                afterId = (UUID) last[0];
            }
        } catch (Throwable e) {
            status = "failed";
            LOG.errorf(e, "SLA recomputation %s failed after %d tickets", job.id(), done);
        }
        try {
            progress(job.id(), status, done, failed, time.now());
        } catch (Throwable e) {
            LOG.errorf(e, "SLA recomputation %s: its end could not be recorded", job.id());
        }
    }

    /** The next ids in (createdAt, id) order: tickets created meanwhile (after {@code from}) are simply included. */
    private static List<Object[]> batch(String tenant, SlaRecomputeJob job, Instant afterCreated, UUID afterId) throws Throwable {
        String range = "from Ticket t where t.tenant = :tenant and t.createdAt >= :from" + (job.to() == null ? "" : " and t.createdAt < :to");
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().flatMap(s -> {
            var query = afterCreated == null
                    ? range(s.createSelectionQuery("select t.id, t.createdAt " + range + " order by t.createdAt, t.id", Object[].class),
                            tenant, job.from(), job.to())
                    : range(s.createSelectionQuery("select t.id, t.createdAt " + range
                            + " and (t.createdAt > :afterCreated or (t.createdAt = :afterCreated and t.id > :afterId)) order by t.createdAt, t.id",
                            Object[].class), tenant, job.from(), job.to()).setParameter("afterCreated", afterCreated).setParameter("afterId", afterId);
            return query.setMaxResults(BATCH).getResultList();
        })));
    }

    private static void progress(UUID id, String status, int done, int failed, Instant finishedAt) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "UPDATE sla_recompute_job SET status = ?2, done = ?3, failed = ?4, finished_at = CAST(?5 AS timestamptz) WHERE id = ?1")
                .setParameter(1, id).setParameter(2, status).setParameter(3, done).setParameter(4, failed).setParameter(5, finishedAt)
                .executeUpdate())));
    }

    private Uni<Instant> instant(String tenant, String from) {
        try {
            return Uni.createFrom().item(Instant.parse(from));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Uni.createFrom().item(OffsetDateTime.parse(from).toInstant());
            } catch (DateTimeParseException notOffset) {
                try {
                    LocalDate day = LocalDate.parse(from);
                    return Panache.withTransaction(() -> calendars.calendar(tenant, null)).map(cal -> day.atStartOfDay(cal.zone()).toInstant());
                } catch (DateTimeParseException e) {
                    return Uni.createFrom().failure(ProblemException.badRequest("invalid-from",
                            "from must be an ISO date (2026-03-01) or instant (2026-03-01T00:00:00Z)"));
                }
            }
        }
    }
}
