package io.pharos.analytics.repository;

import static io.pharos.analytics.repository.TicketFactRepository.utc;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The digests sent ({@code digest_sent}): one per tenant and period, whichever replica comes first. */
@ApplicationScoped
public class DigestRepository {

    /** Claims the tenant's digest of the period; false when it was sent before. */
    public Uni<Boolean> claim(SqlConnection c, String tenant, Instant periodStart, Instant periodEnd, int recipients) {
        return c.preparedQuery("INSERT INTO digest_sent (tenant, period_start, period_end, recipients, sent_at) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (tenant, period_start) DO NOTHING")
                .execute(Tuple.of(tenant, utc(periodStart), utc(periodEnd), recipients, utc(Instant.now()))).map(rows -> rows.rowCount() > 0);
    }
}
