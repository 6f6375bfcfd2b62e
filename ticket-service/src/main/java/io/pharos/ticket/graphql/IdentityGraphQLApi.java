package io.pharos.ticket.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Query;

import io.pharos.commons.security.Me;
import io.pharos.commons.security.TenantContext;
import io.quarkus.security.Authenticated;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * Root of the ticket-service subgraph. The explicit {@code @link} makes the SDL a
 * Federation v2 subgraph; {@code me} lives only here so the supergraph has one owner of it.
 */
@GraphQLApi
@Link(url = Link.FEDERATION_SPEC_LATEST_URL, _import = {
        @Import(name = "@key"), @Import(name = "@shareable"), @Import(name = "@external"),
        @Import(name = "@requires"), @Import(name = "@provides"), @Import(name = "@inaccessible") })
public class IdentityGraphQLApi {

    private final TenantContext caller;

    public IdentityGraphQLApi(TenantContext caller) {
        this.caller = caller;
    }

    @Query("me")
    @Authenticated
    @Description("The signed-in user or service account: tenant, subject, username and roles")
    public Me me() {
        return new Me(caller.tenant(), caller.subject(), caller.username(), caller.roles());
    }
}
