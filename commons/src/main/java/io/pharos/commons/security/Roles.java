package io.pharos.commons.security;

/** Realm roles of {@code deploy/keycloak/pharos-realm.json}; composites are expanded by Keycloak. */
public final class Roles {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final String INTEGRATOR = "integrator";

    private Roles() {
    }
}
