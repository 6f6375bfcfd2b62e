package io.pharos.analytics.service.projection;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.model.Calendars;
import io.pharos.analytics.repository.CalendarRepository;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.ticket.CalendarUpdated;
import io.pharos.contracts.ticket.TicketEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The tenants' calendars, for business times: a newer default calendar recomputes every ticket of
 * the tenant (calendar changes are rare).
 */
@ApplicationScoped
public class CalendarProjection implements ProjectionHandler {

    private final CalendarRepository calendars;
    private final TicketContributions contributions;
    private final ObjectMapper json;

    public CalendarProjection(CalendarRepository calendars, TicketContributions contributions, ObjectMapper json) {
        this.calendars = calendars;
        this.contributions = contributions;
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return Set.of(TicketEvents.CALENDAR_UPDATED.name());
    }

    @Override
    public Uni<Void> apply(ProjectionBatch batch, IncomingEvent event) {
        return Uni.createFrom().item(() -> Events.data(json, event, TicketEvents.CALENDAR_UPDATED)).flatMap(data -> apply(batch, event.tenant(), data));
    }

    private Uni<Void> apply(ProjectionBatch batch, String tenant, CalendarUpdated data) {
        SqlConnection c = batch.connection();
        CalendarUpdated.Calendar cal = data.calendar();
        String definition;
        try {
            definition = json.writeValueAsString(cal);
            Calendars.read(cal); // a calendar we could not use later is refused now (to the dead-letter topic)
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("unreadable calendar: " + e.getMessage(), e));
        }
        if (data.deleted()) {
            return calendars.delete(c, cal.id());
        }
        return calendars.upsert(c, tenant, cal.id(), cal.isDefault(), definition, cal.updatedAt())
                // business times follow the calendar: every ticket of the tenant is recomputed
                .flatMap(changed -> !changed || !cal.isDefault() ? Uni.createFrom().voidItem() : contributions.recomputeAll(batch, tenant));
    }
}
