package io.pharos.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the Keycloak the local runtime starts (realm {@code pharos}, users and
 * clients listed in docs/architecture.md). Tokens are cached for a minute: they live 15.
 */
public final class KeycloakTokens {

    public static final String URL = System.getProperty("pharos.keycloak.url",
            System.getenv().getOrDefault("PHAROS_KEYCLOAK_URL", "http://localhost:8180"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, long fetchedAt) {
    }

    private KeycloakTokens() {
    }

    /** A demo user's token through the console client (password = user name). */
    public static String user(String username) {
        return user(username, username);
    }

    public static String user(String username, String password) {
        return cached("user:" + username, () -> fetch("pharos", Map.of("grant_type", "password",
                "client_id", "pharos-console", "username", username, "password", password)));
    }

    /** An integrator's service-account token ({@code acme} or {@code globex}). */
    public static String integrator(String tenant) {
        return cached("integrator:" + tenant, () -> fetch("pharos", Map.of("grant_type", "client_credentials",
                "client_id", tenant + "-integrator", "client_secret", tenant + "-integrator-secret")));
    }

    /** The platform operator's token (role {@code platform-admin}, no tenant): outbox and dead-letter administration. */
    public static String platformOperator() {
        return cached("platform-operator", () -> fetch("pharos", Map.of("grant_type", "client_credentials",
                "client_id", "pharos-operator", "client_secret", "pharos-operator-secret")));
    }

    /** A perfectly valid token, but of Keycloak's master realm: Pharos must not accept it. */
    public static String otherRealm() {
        return fetch("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin"));
    }

    /** The token with one claim changed in its payload and the original signature kept. */
    public static String tampered(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        try {
            var payload = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                    Base64.getUrlDecoder().decode(parts[1]));
            payload.put(claim, value);
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
            return parts[0] + "." + forged + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded claims of a token (no verification: for assertions only). */
    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cached(String key, java.util.function.Supplier<String> fetch) {
        Cached hit = CACHE.get(key);
        if (hit != null && System.currentTimeMillis() - hit.fetchedAt < 60_000) {
            return hit.token;
        }
        String token = fetch.get();
        CACHE.put(key, new Cached(token, System.currentTimeMillis()));
        return token;
    }

    private static String fetch(String realm, Map<String, String> form) {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(URL + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + form.get("client_id") + " in realm "
                        + realm + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + URL + " (is the local runtime up? ./pharos infra-up)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
