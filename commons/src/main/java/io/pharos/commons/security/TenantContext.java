package io.pharos.commons.security;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.pharos.commons.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling and for which tenant, read once per request from the verified bearer token.
 * Every query and write of every service is scoped by {@link #tenant()}.
 */
@RequestScoped
public class TenantContext {

    public static final String TENANT_CLAIM = "tenant";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public TenantContext(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The caller's tenant; a token without one is refused rather than given a default. */
    public String tenant() {
        Object claim = identity.isAnonymous() ? null : TokenClaims.of(identity.getPrincipal(), TENANT_CLAIM);
        String tenant = claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.forbidden("missing-tenant", "The token carries no tenant claim.");
        }
        return tenant;
    }

    /** A claim of the token as strings: none, one, or (for multivalued claims such as {@code languages}) several. */
    public java.util.List<String> claimValues(String name) {
        Object value = identity.isAnonymous() ? null : TokenClaims.of(identity.getPrincipal(), name);
        if (value == null) {
            return java.util.List.of();
        }
        if (value instanceof Iterable<?> values) {
            java.util.List<String> out = new java.util.ArrayList<>();
            values.forEach(v -> out.add(String.valueOf(v).replaceAll("^\"|\"$", "")));
            return out;
        }
        return java.util.List.of(String.valueOf(value).replaceAll("^\"|\"$", ""));
    }

    /** Stable id of the user or service account (the token's {@code sub}). */
    public String subject() {
        return token.getSubject();
    }

    /** Human-readable login name (Keycloak's {@code preferred_username}). */
    public String username() {
        String username = token.getClaim("preferred_username");
        return username != null ? username : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return new TreeSet<>(identity.getRoles());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
