package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.pharos.ticket.rest.TicketApi.createId;
import static io.pharos.ticket.rest.TicketApi.email;
import static io.pharos.ticket.rest.TicketApi.get;
import static io.pharos.ticket.rest.TicketApi.ticket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class CustomerResourceTest {

    private static String createCustomer(Map<String, Object> body) {
        return given().auth().oauth2(ACME).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/customers").then().statusCode(201).extract().path("id");
    }

    @Test
    void customersAreFoundByAnyIdentityInCanonicalForm() {
        String phone = "+30 690 " + (1000000 + (int) (Math.random() * 8999999));
        String wa = "30" + (6900000000L + (long) (Math.random() * 99999999));
        String external = "crm-" + UUID.randomUUID();
        String id = createCustomer(Map.of("name", "Eleni", "email", email(), "phone", phone, "whatsapp", wa, "externalId", external));
        given().auth().oauth2(ACME).queryParam("identity", "phone:" + phone.replace(" ", "")).when().get("/api/v1/customers")
                .then().statusCode(200).body("[0].id", equalTo(id));
        given().auth().oauth2(ACME).queryParam("identity", "whatsapp:+" + wa).when().get("/api/v1/customers")
                .then().statusCode(200).body("[0].id", equalTo(id));
        given().auth().oauth2(ACME).queryParam("externalId", external).when().get("/api/v1/customers")
                .then().statusCode(200).body("[0].id", equalTo(id));
        given().auth().oauth2(ACME).queryParam("identity", "fax:123").when().get("/api/v1/customers")
                .then().statusCode(400).body("type", equalTo("urn:pharos:problem:invalid-identity"));
    }

    @Test
    void anIdentityBelongsToOneCustomer() {
        String mail = email();
        createCustomer(Map.of("email", mail));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("email", mail))
                .when().post("/api/v1/customers").then().statusCode(409).body("type", equalTo("urn:pharos:problem:customer-exists"));
    }

    @Test
    void aTicketFromAKnownIdentityJoinsThatCustomerAndAddsNewIdentities() {
        String mail = email();
        String id = createCustomer(Map.of("name", "Nikos", "email", mail));
        String phone = "+3069" + (10000000 + (int) (Math.random() * 89999999));
        String ticket = createId(ACME, Map.of("subject", "Hello", "requester", Map.of("email", mail, "phone", phone)));
        get(ACME, ticket).then().body("requesterId", equalTo(id));
        given().auth().oauth2(ACME).when().get("/api/v1/customers/" + id)
                .then().statusCode(200).body("identities.value", hasItem(phone));
    }

    @Test
    void churnHasAnEffectiveDate() {
        String id = createCustomer(Map.of("email", email()));
        given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(Map.of("lifecycle", "churned", "effectiveDate", "2026-10-31"))
                .when().patch("/api/v1/customers/" + id)
                .then().statusCode(200).body("lifecycle", equalTo("churned")).body("churnedOn", equalTo("2026-10-31"));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("lifecycle", "active"))
                .when().patch("/api/v1/customers/" + id)
                .then().statusCode(200).body("lifecycle", equalTo("active")).body("churnedOn", equalTo(null));
    }

    @Test
    void mergeKeepsAllHistoryOnTheSurvivor() {
        String mailA = email();
        String mailB = email();
        String survivor = createCustomer(Map.of("name", "Eleni Papadopoulou", "email", mailA));
        String duplicate = createCustomer(Map.of("email", mailB));
        String ticketA = createId(ACME, ticket("From A", mailA, List.of()));
        String ticketB = createId(ACME, ticket("From B", mailB, List.of()));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("customerId", duplicate))
                .when().post("/api/v1/customers/" + survivor + "/merge")
                .then().statusCode(200).body("identities.value", hasItem(mailB)).body("identities", hasSize(2));
        get(ACME, ticketB).then().body("requesterId", equalTo(survivor));
        get(ACME, ticketA).then().body("requesterId", equalTo(survivor));
        given().auth().oauth2(ACME).queryParam("requester", survivor).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(2));
        given().auth().oauth2(ACME).queryParam("identity", "email:" + mailB).when().get("/api/v1/customers")
                .then().body("[0].id", equalTo(survivor));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(Map.of("customerId", duplicate))
                .when().post("/api/v1/customers/" + survivor + "/merge").then().statusCode(409);
    }
}
