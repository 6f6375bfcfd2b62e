package io.pharos.ticket.rest;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pharos.testing.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The REST calls the tests make, with real tokens of the demo users and integrators. */
final class TicketApi {

    static final String ACME = KeycloakTokens.integrator("acme");

    private TicketApi() {
    }

    static String anna() {
        return KeycloakTokens.user("anna");
    }

    static String integrator(String tenant) {
        return KeycloakTokens.integrator(tenant);
    }

    /** A unique email so that every test has its own customer. */
    static String email() {
        return "c-" + UUID.randomUUID() + "@example.test";
    }

    static Map<String, Object> ticket(String subject, String email, List<String> tags) {
        return Map.of("subject", subject, "channel", "email", "priority", "normal",
                "requester", Map.of("name", "Eleni P.", "email", email),
                "message", Map.of("text", "Where is my order?"), "tags", tags);
    }

    static Response create(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/tickets");
    }

    static String createId(String token, Object body) {
        return create(token, body).then().statusCode(201).extract().path("id");
    }

    static Response get(String token, String id) {
        return given().auth().oauth2(token).when().get("/api/v1/tickets/" + id);
    }

    static String etag(String token, String id) {
        return get(token, id).then().statusCode(200).extract().header("ETag");
    }

    static Response patch(String token, String id, String etag, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.when().patch("/api/v1/tickets/" + id);
    }

    static Response message(String token, String id, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/tickets/" + id + "/messages");
    }
}
