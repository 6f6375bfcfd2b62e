package io.pharos.ticket.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.pharos.commons.graphql.GraphQLIds;
import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.api.CalendarDto;
import io.pharos.ticket.api.CalendarInput;
import io.pharos.ticket.api.ReplyEstimate;
import io.pharos.ticket.api.SlaPolicyDto;
import io.pharos.ticket.api.SlaPolicyInput;
import io.pharos.ticket.api.SlaStatusDto;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.service.sla.CalendarService;
import io.pharos.ticket.service.sla.ReplyEstimates;
import io.pharos.ticket.service.sla.SlaClocks;
import io.pharos.ticket.service.sla.SlaPolicyService;
import io.pharos.ticket.service.TimeSource;
import io.smallrye.mutiny.Uni;

/** Business hours, SLA policies and each ticket's SLA status. */
@GraphQLApi
public class SlaGraphQLApi {

    private final CalendarService calendars;
    private final SlaPolicyService policies;
    private final SlaClocks clocks;
    private final ReplyEstimates estimates;
    private final TenantContext caller;
    private final TimeSource time;

    public SlaGraphQLApi(CalendarService calendars, SlaPolicyService policies, SlaClocks clocks, ReplyEstimates estimates,
            TenantContext caller, TimeSource time) {
        this.time = time;
        this.calendars = calendars;
        this.policies = policies;
        this.clocks = clocks;
        this.estimates = estimates;
        this.caller = caller;
    }

    @Description("Where the ticket's SLA targets stand: first response, next reply, resolution")
    public Uni<List<SlaStatusDto>> slaStatus(@Source List<TicketNode> page) {
        String tenant = caller.tenant();
        List<UUID> ids = page.stream().map(TicketNode::id).toList();
        return Isolated.run(() -> clocks.statusOf(tenant, ids, time.now()))
                .map(byTicket -> page.stream().map(t -> byTicket.get(t.id())).toList());
    }

    @Query
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("The tenant's business-hours calendars, the default first")
    public Uni<List<@NonNull CalendarDto>> calendars() {
        String tenant = caller.tenant();
        return Isolated.run(() -> calendars.list(tenant));
    }

    @Query
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("The tenant's SLA policies in the order they are tried")
    public Uni<List<@NonNull SlaPolicyDto>> slaPolicies() {
        String tenant = caller.tenant();
        return Isolated.run(() -> policies.list(tenant));
    }

    @Query
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("When a customer writing at `at` (default now) on a channel gets a first reply, by the SLA that applies")
    public Uni<ReplyEstimate> replyEstimate(@NonNull Channel channel, @DefaultValue("NORMAL") Priority priority, Instant at) {
        String tenant = caller.tenant();
        return Isolated.run(() -> estimates.estimate(tenant, channel, priority, at != null ? at : time.now()));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Add a business-hours calendar")
    public Uni<CalendarDto> createCalendar(@NonNull @Valid CalendarInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> calendars.create(tenant, input));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Replace a business-hours calendar")
    public Uni<CalendarDto> updateCalendar(@Id @NonNull String id, @NonNull @Valid CalendarInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> calendars.replace(tenant, GraphQLIds.of("calendar", id), input));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Delete a calendar no policy uses (not the default)")
    public Uni<Boolean> deleteCalendar(@Id @NonNull String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> calendars.delete(tenant, GraphQLIds.of("calendar", id))).replaceWith(true);
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Add an SLA policy")
    public Uni<SlaPolicyDto> createSlaPolicy(@NonNull @Valid SlaPolicyInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> policies.create(tenant, input));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Replace an SLA policy (applies to tickets created or reclassified afterwards)")
    public Uni<SlaPolicyDto> updateSlaPolicy(@Id @NonNull String id, @NonNull @Valid SlaPolicyInput input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> policies.replace(tenant, GraphQLIds.of("SLA policy", id), input));
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Delete an SLA policy")
    public Uni<Boolean> deleteSlaPolicy(@Id @NonNull String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> policies.delete(tenant, GraphQLIds.of("SLA policy", id))).replaceWith(true);
    }
}
