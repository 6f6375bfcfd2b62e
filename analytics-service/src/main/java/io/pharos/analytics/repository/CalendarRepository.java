package io.pharos.analytics.repository;

import static io.pharos.analytics.repository.TicketFactRepository.utc;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.model.Calendars;
import io.pharos.commons.time.BusinessCalendar;
import io.pharos.contracts.ticket.CalendarUpdated;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenants' calendars as ticket-service last published them ({@code calendar_replica}), kept as the event's JSON. */
@ApplicationScoped
public class CalendarRepository {

    private final Pool pool;
    private final ObjectMapper json;

    public CalendarRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Stores the newer definition; false when the stored one is newer (nothing changed). */
    public Uni<Boolean> upsert(SqlConnection c, String tenant, UUID id, boolean isDefault, String definition, Instant updatedAt) {
        return c.preparedQuery("INSERT INTO calendar_replica (id, tenant, is_default, definition, updated_at) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (id) DO UPDATE SET is_default = excluded.is_default, definition = excluded.definition,"
                + " updated_at = excluded.updated_at WHERE calendar_replica.updated_at <= excluded.updated_at")
                .execute(Tuple.of(id, tenant, isDefault, definition, utc(updatedAt))).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> delete(SqlConnection c, UUID id) {
        return c.preparedQuery("DELETE FROM calendar_replica WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The tenant's default calendar as committed. */
    public Uni<BusinessCalendar> defaultCalendar(String tenant) {
        return defaultCalendar(pool, tenant);
    }

    /** The tenant's default calendar (the newest marked default), or around the clock in UTC until one arrives. */
    public Uni<BusinessCalendar> defaultCalendar(SqlClient client, String tenant) {
        return client.preparedQuery("SELECT definition FROM calendar_replica WHERE tenant = $1 AND is_default ORDER BY updated_at DESC LIMIT 1")
                .execute(Tuple.of(tenant)).map(rows -> {
                    if (rows.size() == 0) {
                        return Calendars.FALLBACK;
                    }
                    try {
                        return Calendars.read(json.readValue(rows.iterator().next().getString("definition"), CalendarUpdated.Calendar.class));
                    } catch (Exception e) {
                        return Calendars.FALLBACK;
                    }
                });
    }
}
