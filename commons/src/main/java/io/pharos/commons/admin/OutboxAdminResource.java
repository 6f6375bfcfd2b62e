package io.pharos.commons.admin;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.outbox.OutboxParking;
import io.pharos.commons.outbox.ParkedEvent;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

/**
 * The platform administrator's view of this service's parked outbox rows (events the relay could
 * not publish), across tenants: list, inspect, replay after a fix, or discard with a reason. Every
 * action is audited in the row (who, when, why) and in the log.
 */
@Path("/api/v1/admin/outbox/parked")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
public class OutboxAdminResource {

    /** Why an event is replayed (optional) or discarded (required). */
    public record Resolution(@Size(max = 2_000) String reason) {
    }

    /** Why an event is discarded. */
    public record Discard(@NotBlank @Size(max = 2_000) String reason) {
    }

    private final OutboxParking parking;
    private final TenantContext caller;

    public OutboxAdminResource(OutboxParking parking, TenantContext caller) {
        this.parking = parking;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Parked outbox rows, newest first, optionally of one tenant and status (parked, replayed, discarded)")
    public Uni<List<ParkedEvent>> list(@QueryParam("tenant") String tenant, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return parking.list(tenant, status, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One parked row with its CloudEvent and how many later events of its aggregate wait behind it")
    public Uni<ParkedEvent> get(@PathParam("id") long id) {
        return parking.get(id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Put the row back into the outbox under its original id (after fixing the cause): it goes out before the events that waited")
    public Uni<ParkedEvent> replay(@PathParam("id") long id, @jakarta.validation.Valid Resolution body) {
        return parking.replay(id, caller.username(), body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give the event up for good, with a reason; the events that waited behind it flow again")
    public Uni<ParkedEvent> discard(@PathParam("id") long id, @jakarta.validation.Valid Discard body) {
        return parking.discard(id, caller.username(), body == null ? null : body.reason());
    }
}
