package io.pharos.analytics.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

import io.pharos.analytics.config.AnalyticsConfig;

/** The supervisors of every tenant: enabled users of the realm with the supervisor role, a tenant and an email address. */
@ApplicationScoped
public class SupervisorDirectory {

    public record Supervisor(String id, String tenant, String email, String name, String language) {
    }

    static final int PAGE = 500;

    private final Keycloak keycloak;
    private final AnalyticsConfig config;

    public SupervisorDirectory(Keycloak keycloak, AnalyticsConfig config) {
        this.keycloak = keycloak;
        this.config = config;
    }

    /** Blocking (the admin client is): call it from a worker thread. */
    @Retry(maxRetries = 2, delay = 500)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 60, delayUnit = ChronoUnit.SECONDS)
    public List<Supervisor> supervisors() {
        List<Supervisor> out = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            List<UserRepresentation> page = keycloak.realm(config.realm()).roles().get("supervisor").getUserMembers(false, first, PAGE);
            for (UserRepresentation u : page) {
                String tenant = attribute(u, "tenant");
                if (tenant != null && u.getEmail() != null && Boolean.TRUE.equals(u.isEnabled())) {
                    String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " " + (u.getLastName() == null ? "" : u.getLastName())).strip();
                    out.add(new Supervisor(u.getId(), tenant, u.getEmail(), name.isEmpty() ? u.getUsername() : name, attribute(u, "language")));
                }
            }
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    private static String attribute(UserRepresentation u, String name) {
        List<String> values = u.getAttributes() == null ? null : u.getAttributes().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
