package io.pharos.ticket.graphql;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.pharos.commons.graphql.Isolated;
import io.pharos.commons.security.Me;
import io.pharos.commons.security.Roles;
import io.pharos.commons.security.TenantContext;
import io.pharos.ticket.domain.Agent;
import io.pharos.ticket.service.routing.AgentDirectory;
import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.mutiny.Uni;

/** The agent directory: who works here, in which team, speaking what, and who is online. */
@GraphQLApi
public class AgentGraphQLApi {

    private final AgentDirectory directory;
    private final TenantContext caller;

    public AgentGraphQLApi(AgentDirectory directory, TenantContext caller) {
        this.directory = directory;
        this.caller = caller;
    }

    @Query
    @RolesAllowed({ Roles.AGENT, Roles.INTEGRATOR })
    @Description("The tenant's agents, optionally of one team or availability")
    public Uni<List<@NonNull AgentNode>> agents(String team, Agent.Availability availability) {
        String tenant = caller.tenant();
        return Isolated.run(() -> directory.list(tenant, team, availability)).map(l -> l.stream().map(AgentNode::of).toList());
    }

    @Description("The caller as an agent (known from their token even before the next directory sync); null for service accounts")
    public Uni<AgentNode> agent(@Source Me me) {
        if (!caller.hasRole(Roles.AGENT)) {
            return Uni.createFrom().nullItem();
        }
        AgentDirectory.TokenAgent self = self();
        return Isolated.run(() -> directory.provision(self)).map(AgentNode::of);
    }

    @Mutation("setAvailability") // named: SmallRye would otherwise drop the "set" of a setter-like name
    @RolesAllowed(Roles.AGENT)
    @Description("Set your availability (online, away, offline); a supervisor may set another agent's. Coming online takes waiting tickets of your team")
    public Uni<AgentNode> setAvailability(@NonNull Agent.Availability availability, @Id String agentId) {
        String tenant = caller.tenant();
        if (agentId != null && !agentId.equals(caller.subject()) && !caller.hasRole(Roles.SUPERVISOR)) {
            return Uni.createFrom().failure(new io.quarkus.security.ForbiddenException("Only supervisors set another agent's availability."));
        }
        AgentDirectory.TokenAgent self = self();
        String target = agentId != null ? agentId : caller.subject();
        return Isolated.run(() -> (target.equals(self.id()) ? directory.provision(self).replaceWithVoid() : Uni.createFrom().voidItem())
                .flatMap(v -> directory.setAvailability(tenant, target, availability))).map(AgentNode::of);
    }

    @Resolver
    public Uni<AgentNode> agentEntity(@Id String id) {
        String tenant = caller.tenant();
        return Isolated.run(() -> directory.byIds(tenant, List.of(id)))
                .map(found -> found.isEmpty() ? AgentNode.unknown(id) : AgentNode.of(found.get(0)));
    }

    @Description("Tickets they hold that are not solved")
    public Uni<List<Long>> openTickets(@Source List<AgentNode> page) {
        String tenant = caller.tenant();
        List<String> ids = page.stream().map(AgentNode::id).distinct().toList();
        return Isolated.run(() -> directory.load(tenant, ids)).map(load -> page.stream().map(a -> load.getOrDefault(a.id(), 0L)).toList());
    }

    private AgentDirectory.TokenAgent self() {
        List<String> capacity = caller.claimValues("capacity");
        Integer cap = null;
        try {
            cap = capacity.isEmpty() ? null : Integer.valueOf(capacity.get(0));
        } catch (NumberFormatException e) {
            cap = null;
        }
        List<String> team = caller.claimValues("team");
        List<String> name = caller.claimValues("name");
        return new AgentDirectory.TokenAgent(caller.tenant(), caller.subject(), caller.username(), name.isEmpty() ? null : name.get(0),
                caller.claimValues("languages"), caller.claimValues("skills"), team.isEmpty() ? null : team.get(0), cap);
    }
}
