package io.pharos.ticket.graphql;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.ticket.domain.Agent;
import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

/** The agent entity other subgraphs extend (analytics adds performance). */
@Name("Agent")
@Key(fields = @FieldSet("id"))
@Description("A support agent, identified by their Keycloak user id; from the directory, with the availability they set. Owned by ticket-service.")
public record AgentNode(
        @Description("The agent's Keycloak user id") @Id @NonNull String id,
        @Description("Keycloak user name") String username,
        @Description("Display name") String name,
        @NonNull @Description("Languages they answer in (ISO 639-1)") List<@NonNull String> languages,
        @Description("Skills routing rules may ask for") @NonNull List<@NonNull String> skills,
        @Description("The team whose queue they work") String team,
        @Description("Open tickets they can hold; routing stops giving them more") Integer capacity,
        @Description("Whether they take work now") @NonNull Agent.Availability availability) {

    static AgentNode of(Agent a) {
        return new AgentNode(a.id, a.username, a.name, Arrays.asList(a.languages), Arrays.asList(a.skills), a.team, a.capacity,
                a.availability);
    }

    /** An id the directory does not know (yet): shown as offline. */
    static AgentNode unknown(String id) {
        return new AgentNode(id, null, null, List.of(), List.of(), null, null, Agent.Availability.OFFLINE);
    }
}
