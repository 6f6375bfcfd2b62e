package io.pharos.commons.security;

import java.util.Set;

import org.eclipse.microprofile.graphql.Description;

/** The caller as the service sees it: the first thing an integrator checks with a new token. */
@Description("Who is calling: the token's tenant, subject, user name and roles")
public record Me(
        @Description("Tenant of the caller") String tenant,
        @Description("Token subject (Keycloak user id)") String subject,
        @Description("User name") String username,
        @Description("Pharos roles of the caller") Set<String> roles) {
}
