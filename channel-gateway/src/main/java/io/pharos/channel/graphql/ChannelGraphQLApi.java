package io.pharos.channel.graphql;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.channel.service.channels.ChannelAdmin;
import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.smallrye.mutiny.Uni;

/** Channel configuration for admins. */
@GraphQLApi
public class ChannelGraphQLApi {

    private final ChannelAdmin channels;
    private final TenantContext caller;

    public ChannelGraphQLApi(ChannelAdmin channels, TenantContext caller) {
        this.channels = channels;
        this.caller = caller;
    }

    @Query
    @RolesAllowed(Roles.ADMIN)
    @Description("The tenant's channels (secrets by name only)")
    public Uni<List<ChannelNodes.@NonNull Channel>> channels() {
        String tenant = caller.tenant();
        return Isolated.run(() -> channels.list(tenant)).map(list -> list.stream().map(ChannelNodes.Channel::of).toList());
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Add a channel")
    public Uni<ChannelNodes.Channel> createChannel(@NonNull @Valid ChannelNodes.ChannelIn input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> channels.create(tenant, input.toInput())).map(ChannelNodes.Channel::of);
    }

    @Mutation
    @RolesAllowed(Roles.ADMIN)
    @Description("Change a channel; secrets named are replaced, others kept")
    public Uni<ChannelNodes.Channel> updateChannel(@NonNull @Valid ChannelNodes.ChannelIn input) {
        String tenant = caller.tenant();
        return Isolated.run(() -> channels.update(tenant, input.id(), input.toInput())).map(ChannelNodes.Channel::of);
    }
}
