package io.pharos.commons.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;

/**
 * A claim of the verified token. {@link JsonWebToken#getClaim(String)} looks every name up in the standard
 * claims enum first and throws (and catches) an {@code IllegalArgumentException} for any other, such as
 * {@code tenant}: a stack trace per claim per request, about 1 % of ticket-service's CPU on the create path.
 * The parsed claims of Quarkus OIDC's principal are asked directly instead.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** The claim's value (a string, a number, a list or a map), or null; {@code principal} is the identity's. */
    public static Object of(Object principal, String name) {
        if (principal instanceof OidcJwtCallerPrincipal oidc) {
            return oidc.getClaims().getClaimValue(name);
        }
        return principal instanceof JsonWebToken token ? token.getClaim(name) : null;
    }
}
