package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.ACME;
import static io.pharos.ticket.rest.TicketApi.createId;
import static io.pharos.ticket.rest.TicketApi.email;
import static io.pharos.ticket.rest.TicketApi.etag;
import static io.pharos.ticket.rest.TicketApi.get;
import static io.pharos.ticket.rest.TicketApi.message;
import static io.pharos.ticket.rest.TicketApi.patch;
import static io.pharos.ticket.rest.TicketApi.ticket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;

/** A globex token can neither read, list, change nor guess anything of acme. */
@QuarkusTest
class TenantIsolationTest {

    static final String GLOBEX = TicketApi.integrator("globex");

    @Test
    void anotherTenantsTicketDoesNotExistForYou() {
        String mail = email();
        String tag = "secret-" + UUID.randomUUID();
        String id = createId(ACME, ticket("Acme only", mail, List.of(tag)));
        String acmeEtag = etag(ACME, id);
        String requester = get(ACME, id).path("requesterId");

        get(GLOBEX, id).then().statusCode(404).body("type", equalTo("urn:pharos:problem:not-found"));
        get(KeycloakTokens.user("gina"), id).then().statusCode(404);
        patch(GLOBEX, id, acmeEtag, Map.of("status", "solved")).then().statusCode(404);
        message(GLOBEX, id, Map.of("text", "hello from globex")).then().statusCode(404);
        given().auth().oauth2(GLOBEX).when().get("/api/v1/tickets/" + id + "/messages").then().statusCode(404);
        given().auth().oauth2(GLOBEX).queryParam("tag", tag).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(GLOBEX).queryParam("limit", 100).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(GLOBEX).queryParam("identity", "email:" + mail).when().get("/api/v1/customers")
                .then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(GLOBEX).when().get("/api/v1/customers/" + requester).then().statusCode(404);
        given().auth().oauth2(GLOBEX).queryParam("requester", requester).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0));

        // and nothing changed for acme
        get(ACME, id).then().statusCode(200).body("status", equalTo("new")).header("ETag", acmeEtag);
    }

    @Test
    void theSameIdentityInTwoTenantsIsTwoCustomers() {
        String mail = email();
        String acme = get(ACME, createId(ACME, ticket("A", mail, List.of()))).path("requesterId");
        String globex = get(GLOBEX, createId(GLOBEX, ticket("G", mail, List.of()))).path("requesterId");
        org.assertj.core.api.Assertions.assertThat(acme).isNotEqualTo(globex);
    }
}
