package io.pharos.ticket.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

/** The agent entity other subgraphs extend (analytics adds performance); the directory fills in the rest. */
@Name("Agent")
@Key(fields = @FieldSet("id"))
@Description("A support agent, identified by their Keycloak user id. Owned by ticket-service.")
public record AgentNode(@Id @NonNull String id) {
}
