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
        @Id @NonNull String id,
        String username,
        String name,
        @NonNull @Description("Languages they answer in (ISO 639-1)") List<@NonNull String> languages,
        @NonNull List<@NonNull String> skills,
        String team,
        @Description("Open tickets they can hold; routing stops giving them more") Integer capacity,
        @NonNull Agent.Availability availability) {

    static AgentNode of(Agent a) {
        return new AgentNode(a.id, a.username, a.name, Arrays.asList(a.languages), Arrays.asList(a.skills), a.team, a.capacity,
                a.availability);
    }

    /** An id the directory does not know (yet): shown as offline. */
    static AgentNode unknown(String id) {
        return new AgentNode(id, null, null, List.of(), List.of(), null, null, Agent.Availability.OFFLINE);
    }
}
