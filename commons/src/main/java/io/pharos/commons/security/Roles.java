package io.pharos.commons.security;

/** Realm roles of {@code deploy/keycloak/pharos-realm.json}; composites are expanded by Keycloak. */
public final class Roles {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final String INTEGRATOR = "integrator";
    /** Operates the platform across tenants (outbox and dead-letter administration); no tenant user holds it. */
    public static final String PLATFORM_ADMIN = "platform-admin";

    private Roles() {
    }
}
