package io.pharos.ticket.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Reads the agents of every tenant from Keycloak (users holding the agent role directly or through
 * supervisor/admin, with a tenant attribute). Blocking: callers run it on a worker thread. Retried
 * and guarded by a circuit breaker, so an unreachable Keycloak costs a skipped sync, not a thread pool.
 */
@ApplicationScoped
public class KeycloakDirectory {

    /** What the directory says about one agent. */
    public record DirectoryAgent(String id, String tenant, String username, String name, String email, List<String> languages,
            List<String> skills, String team, Integer capacity) {
    }

    static final List<String> AGENT_ROLES = List.of("agent", "supervisor", "admin");
    static final int PAGE = 500;

    private final Keycloak keycloak;
    private final String realm;

    public KeycloakDirectory(Keycloak keycloak, @ConfigProperty(name = "pharos.agents.realm", defaultValue = "pharos") String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    @Retry(maxRetries = 2, delay = 500)
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 60, delayUnit = ChronoUnit.SECONDS)
    public List<DirectoryAgent> agents() {
        RealmResource pharos = keycloak.realm(realm);
        Map<String, UserRepresentation> users = new LinkedHashMap<>();
        for (String role : AGENT_ROLES) {
            for (int first = 0;; first += PAGE) {
                // not brief: the attributes (tenant, languages, skills, team, capacity) are what the directory is for
                List<UserRepresentation> page = pharos.roles().get(role).getUserMembers(false, first, PAGE);
                page.forEach(u -> users.putIfAbsent(u.getId(), u));
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        List<DirectoryAgent> agents = new ArrayList<>();
        for (UserRepresentation u : users.values()) {
            String tenant = first(u, "tenant");
            if (tenant == null || !Boolean.TRUE.equals(u.isEnabled())) {
                continue;
            }
            String name = String.join(" ", nonNull(u.getFirstName()), nonNull(u.getLastName())).strip();
            agents.add(new DirectoryAgent(u.getId(), tenant, u.getUsername(), name.isEmpty() ? null : name, u.getEmail(),
                    all(u, "languages"), all(u, "skills"), first(u, "team"), integer(first(u, "capacity"))));
        }
        return agents;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static List<String> all(UserRepresentation u, String attribute) {
        return u.getAttributes() == null ? List.of() : u.getAttributes().getOrDefault(attribute, List.of());
    }

    private static String first(UserRepresentation u, String attribute) {
        List<String> values = all(u, attribute);
        return values.isEmpty() ? null : values.get(0);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
