package io.pharos.channel.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.domain.AttachmentFetch;
import io.pharos.channel.model.ChannelType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The queue of media fetches: written in the receipt's transaction, claimed by leases, removed with the outcome's outbox row. */
@ApplicationScoped
public class AttachmentFetchRepository {

    /**
     * Due jobs, fresh ones first (a job that keeps failing sinks behind new work), skipping those
     * another replica holds; each claimed row is leased and counts the attempt.
     */
    private static final String CLAIM = "UPDATE attachment_fetch f SET attempts = f.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'"
            + " WHERE f.attachment_id IN (SELECT attachment_id FROM attachment_fetch WHERE next_attempt_at <= now()"
            + " ORDER BY attempts, next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
            + " RETURNING f.attachment_id, f.tenant, f.channel_id, f.provider, f.reference, f.file_name, f.message_key,"
            + " f.provider_message_id, f.attempts";

    private final Pool pool;

    public AttachmentFetchRepository(Pool pool) {
        this.pool = pool;
    }

    /** Queues jobs in the caller's (Hibernate Reactive) transaction. */
    public Uni<Void> enqueue(List<AttachmentFetch> jobs) {
        if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(s -> s.persistAll(jobs.toArray()));
    }

    /** Claims up to {@code batch} due jobs for {@code lease}. */
    public Uni<List<AttachmentFetch.Claimed>> claim(int batch, Duration lease) {
        return pool.withTransaction(conn -> conn.preparedQuery(CLAIM).execute(Tuple.of(batch, lease.toMillis())))
                .map(rows -> {
                    List<AttachmentFetch.Claimed> claimed = new java.util.ArrayList<>();
                    rows.forEach(r -> claimed.add(claimed(r)));
                    return claimed;
                });
    }

    /** Removes the job in {@code conn}'s transaction if this claim still holds it; false when another claim took it over. */
    public Uni<Boolean> finish(SqlConnection conn, AttachmentFetch.Claimed job) {
        return conn.preparedQuery("DELETE FROM attachment_fetch WHERE attachment_id = $1 AND attempts = $2")
                .execute(Tuple.of(job.attachmentId(), job.attempts())).map(rows -> rows.rowCount() == 1);
    }

    /** Puts the job back for a later attempt, with what went wrong. */
    public Uni<Void> retryLater(AttachmentFetch.Claimed job, Duration delay, String error) {
        return pool.preparedQuery("UPDATE attachment_fetch SET next_attempt_at = $3, last_error = $4 WHERE attachment_id = $1 AND attempts = $2")
                .execute(Tuple.of(job.attachmentId(), job.attempts(), OffsetDateTime.now(ZoneOffset.UTC).plus(delay), error))
                .replaceWithVoid();
    }

    private static AttachmentFetch.Claimed claimed(Row r) {
        return new AttachmentFetch.Claimed(r.getUUID("attachment_id"), r.getString("tenant"), r.getString("channel_id"),
                ChannelType.valueOf(r.getString("provider")), r.getString("reference"), r.getString("file_name"), r.getString("message_key"),
                r.getString("provider_message_id"), r.getInteger("attempts"));
    }
}
