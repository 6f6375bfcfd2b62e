package io.pharos.ticket.routing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

/** Users added to (and removed from) the real Keycloak through its admin REST API, as an administrator would. */
final class KeycloakUsers implements AutoCloseable {

    static final String KEYCLOAK = System.getProperty("pharos.keycloak", "http://localhost:8180");

    private final List<String> created = new ArrayList<>();

    static String adminToken() {
        return given().baseUri(KEYCLOAK).contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("client_id", "admin-cli").formParam("username", "admin").formParam("password", "admin")
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }

    /** An agent of tenant acme with these attributes and the password "secret-pw"; answers their user id. */
    String agent(String username, List<String> languages, List<String> skills, String team, int capacity) {
        String admin = adminToken();
        Map<String, Object> user = Map.of("username", username, "enabled", true, "firstName", "Test", "lastName", username,
                "email", username + "@acme.test", "emailVerified", true,
                "attributes", Map.of("tenant", List.of("acme"), "languages", languages, "skills", skills, "team", List.of(team),
                        "capacity", List.of(String.valueOf(capacity))),
                "credentials", List.of(Map.of("type", "password", "value", "secret-pw", "temporary", false)));
        String location = given().baseUri(KEYCLOAK).auth().oauth2(admin).contentType(ContentType.JSON).body(user)
                .post("/admin/realms/pharos/users").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        created.add(id);
        Map<String, Object> role = given().baseUri(KEYCLOAK).auth().oauth2(admin).get("/admin/realms/pharos/roles/agent").then()
                .statusCode(200).extract().as(Map.class);
        given().baseUri(KEYCLOAK).auth().oauth2(admin).contentType(ContentType.JSON).body(List.of(role))
                .post("/admin/realms/pharos/users/" + id + "/role-mappings/realm").then().statusCode(204);
        return id;
    }

    static String token(String username) {
        return given().baseUri(KEYCLOAK).contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("client_id", "pharos-console").formParam("username", username).formParam("password", "secret-pw")
                .post("/realms/pharos/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }

    void remove(String id) {
        given().baseUri(KEYCLOAK).auth().oauth2(adminToken()).delete("/admin/realms/pharos/users/" + id).then().statusCode(204);
        created.remove(id);
    }

    @Override
    public void close() {
        for (String id : List.copyOf(created)) {
            remove(id);
        }
    }
}
