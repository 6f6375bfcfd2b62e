package io.pharos.ticket.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The agents' GraphQL subgraph against the real database, with real tokens. */
@QuarkusTest
class TicketGraphQLTest {

    static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().statusCode(200);
    }

    static String createTicket(String token, String subject, String email) {
        return createTicket(token, subject, email, "vip");
    }

    static String createTicket(String token, String subject, String email, String tag) {
        return graphql(token, """
                mutation($input: CreateTicketInput!) { createTicket(input: $input) { id status } }""",
                Map.of("input", Map.of("subject", subject, "channel", "EMAIL", "priority", "HIGH", "text", "Help please",
                        "requester", Map.of("name", "Eleni", "email", email), "tags", List.of(tag))))
                .body("errors", nullValue()).body("data.createTicket.status", equalTo("NEW"))
                .extract().path("data.createTicket.id");
    }

    @Test
    void severalTopLevelFieldsWithNestedListsResolveTogether() {
        String anna = KeycloakTokens.user("anna");
        String email = "g-" + UUID.randomUUID() + "@example.test";
        // a tag of this run only, so the page size does not depend on what other tests created
        String tag = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createTicket(anna, "Several roots", email, tag);
        for (int i = 0; i < 5; i++) {
            createTicket(anna, "Sibling " + i, "s" + i + "-" + UUID.randomUUID() + "@example.test", tag);
        }
        graphql(anna, """
                query($id: ID!, $tag: String) {
                  me { tenant username }
                  ticket(id: $id) { number requester { name identities { value } tickets { id } } messages { author text } }
                  tickets(first: 5, filter: {tag: $tag}) { edges { node { id requester { id } messages { id } history { action actor } } } pageInfo { hasNextPage } }
                  customers(first: 3) { edges { cursor node { id tickets { id messages { id } } } } pageInfo { hasNextPage endCursor } }
                }""", Map.of("id", id, "tag", tag))
                .body("errors", nullValue())
                .body("data.me.tenant", equalTo("acme"))
                .body("data.ticket.requester.identities[0].value", equalTo(email))
                .body("data.ticket.requester.tickets.id", hasItem(id))
                .body("data.ticket.messages[0].author", equalTo("CUSTOMER"))
                .body("data.tickets.edges.size()", equalTo(5))
                .body("data.tickets.pageInfo.hasNextPage", equalTo(true))
                .body("data.tickets.edges.node.messages.flatten().size()", equalTo(5))
                .body("data.tickets.edges[0].node.history.action", equalTo(List.of("ticket.created", "message.added")))
                .body("data.tickets.edges[0].node.history[0].actor", equalTo("agent:anna"))
                .body("data.customers.edges.size()", equalTo(3)).body("data.customers.pageInfo.hasNextPage", equalTo(true));
    }

    @Test
    void aPageOfTicketsShowsEachRequesterWithTheirOwnIdentities() {
        String anna = KeycloakTokens.user("anna");
        String tag = "who-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> emailBySubject = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            String email = "own-" + i + "-" + UUID.randomUUID() + "@example.test";
            createTicket(anna, "Whose " + i, email, tag);
            emailBySubject.put("Whose " + i, email);
        }
        // the requesters' identities are read for the whole page at once: each must still land on its own customer
        List<Map<String, Object>> nodes = graphql(anna, """
                query($tag: String) { tickets(first: 10, filter: {tag: $tag}) { edges { node { subject requester { identities { value } } } } } }""",
                Map.of("tag", tag)).body("errors", nullValue()).extract().path("data.tickets.edges.node");
        assertThat(nodes).hasSize(4);
        for (Map<String, Object> node : nodes) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> identities = (List<Map<String, Object>>) ((Map<String, Object>) node.get("requester")).get("identities");
            assertThat(identities).extracting(id -> id.get("value")).as("identities of the requester of %s", node.get("subject"))
                    .containsExactly(emailBySubject.get((String) node.get("subject")));
        }
    }

    @Test
    void customersArePagedAsARelayConnection() {
        String anna = KeycloakTokens.user("anna");
        for (int i = 0; i < 3; i++) {
            createTicket(anna, "Customer page " + i, "page-" + i + "-" + UUID.randomUUID() + "@example.test");
        }
        String query = "query($after: String) { customers(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("after", null);
        ValidatableResponse first = graphql(anna, query, none).body("errors", nullValue())
                .body("data.customers.edges.size()", equalTo(2)).body("data.customers.pageInfo.hasNextPage", equalTo(true));
        List<String> firstIds = first.extract().path("data.customers.edges.node.id");
        String end = first.extract().path("data.customers.pageInfo.endCursor");
        assertThat(end).isEqualTo(first.extract().path("data.customers.edges[1].cursor"));
        List<String> secondIds = graphql(anna, query, Map.of("after", end)).body("errors", nullValue())
                .body("data.customers.edges.size()", equalTo(2)).extract().path("data.customers.edges.node.id");
        assertThat(secondIds).as("the next page continues, no customer twice").doesNotContainAnyElementsOf(firstIds);
        graphql(anna, "{ customers(after: \"not a cursor\") { edges { cursor } } }", Map.of()).body("data.customers", nullValue())
                .body("errors[0].extensions.kind", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void searchIgnoresCaseAndAccentsInSubjectsAndMessages() {
        String anna = KeycloakTokens.user("anna");
        String code = String.valueOf(100_000 + new java.util.Random().nextInt(900_000));
        String greek = createTicket(anna, "ΠΑΡΑΓΓΕΛΙΑ " + code + " ΧΑΘΗΚΕ", "gr-" + UUID.randomUUID() + "@example.test");
        String query = "query($q: String) { tickets(first: 5, filter: {search: $q}) { edges { node { id } } } }";
        for (String search : List.of("παραγγελια " + code, "Παραγγελία " + code, code + " χάθηκε", "ΠΑΡΑΓΓΕΛΙΑ " + code)) {
            graphql(anna, query, Map.of("q", search)).body("errors", nullValue())
                    .body("data.tickets.edges.node.id", equalTo(List.of(greek)));
        }
        // a message's text is searched the same way: written with accents, found without, and the other way round
        String french = createTicket(anna, "Commande " + code, "fr-" + UUID.randomUUID() + "@example.test");
        graphql(anna, "mutation($id: ID!, $text: String!) { addNote(ticketId: $id, text: $text) { id } }",
                Map.of("id", french, "text", "Le café crème n'est pas arrivé à Zürich (" + code + ")")).body("errors", nullValue());
        for (String search : List.of("cafe creme", "ZURICH (" + code, "arrive a zurich (" + code)) {
            graphql(anna, query, Map.of("q", search)).body("errors", nullValue())
                    .body("data.tickets.edges.node.id", hasItem(french));
        }
        graphql(anna, query, Map.of("q", "Commande " + code + "%")).body("errors", nullValue())
                .body("data.tickets.edges", org.hamcrest.Matchers.empty()); // % is a character here, not a wildcard
    }

    @Test
    void anAdminReplacesAndDeletesAnSlaPolicyByItsId() {
        String alex = KeycloakTokens.user("alex");
        String name = "Chat in five " + UUID.randomUUID();
        String id = graphql(alex, "mutation($in: SlaPolicyInput!) { createSlaPolicy(input: $in) { id } }",
                Map.of("in", Map.of("name", name, "channels", List.of("CHAT"), "enabled", false, "firstResponse", Map.of("minutes", 5))))
                .body("errors", nullValue()).extract().path("data.createSlaPolicy.id");
        graphql(alex, "mutation($id: ID!, $in: SlaPolicyInput!) { updateSlaPolicy(id: $id, input: $in) { id firstResponse { minutes } } }",
                Map.of("id", id, "in", Map.of("name", name, "channels", List.of("CHAT"), "enabled", false, "firstResponse", Map.of("minutes", 3))))
                .body("errors", nullValue()).body("data.updateSlaPolicy.firstResponse.minutes", equalTo(3));
        graphql(alex, "mutation($id: ID!) { deleteSlaPolicy(id: $id) }", Map.of("id", id)).body("errors", nullValue())
                .body("data.deleteSlaPolicy", equalTo(true));
        graphql(alex, "{ slaPolicies { id } }", Map.of()).body("data.slaPolicies.id", org.hamcrest.Matchers.not(hasItem(id)));
        graphql(alex, "mutation($id: ID!) { deleteSlaPolicy(id: $id) }", Map.of("id", id)).body("errors[0].extensions.kind", equalTo("not-found"));
        graphql(alex, "mutation { deleteSlaPolicy(id: \"no-such-policy\") }", Map.of()).body("errors[0].extensions.kind", equalTo("not-found"));
    }

    @Test
    void anAgentWorksATicketThroughMutations() {
        String anna = KeycloakTokens.user("anna");
        String id = createTicket(anna, "Mutations", "m-" + UUID.randomUUID() + "@example.test");
        graphql(anna, "mutation($id: ID!) { addNote(ticketId: $id, text: \"check the warehouse\") { status } }", Map.of("id", id))
                .body("data.addNote.status", equalTo("NEW"));
        graphql(anna, "mutation($id: ID!) { reply(ticketId: $id, text: \"On its way\") { status firstPublicReplyAt } }", Map.of("id", id))
                .body("data.reply.status", equalTo("OPEN")).body("data.reply.firstPublicReplyAt", notNullValue());
        // an assignee is an agent of the tenant (issue 19): anna's own id, as the directory knows her
        String annaId = graphql(anna, "{ me { agent { id } } }", Map.of()).extract().path("data.me.agent.id");
        graphql(anna, "mutation($id: ID!, $a: String) { assign(ticketId: $id, assigneeId: $a, team: \"support\") { team assignee { id } } }",
                Map.of("id", id, "a", annaId)).body("data.assign.team", equalTo("support")).body("data.assign.assignee.id", equalTo(annaId));
        graphql(anna, "mutation($id: ID!) { tag(ticketId: $id, tags: [\"Delivery\"]) { tags } }", Map.of("id", id))
                .body("data.tag.tags", equalTo(List.of("delivery", "vip")));
        graphql(anna, "mutation($id: ID!) { untag(ticketId: $id, tags: [\"vip\"]) { tags } }", Map.of("id", id))
                .body("data.untag.tags", equalTo(List.of("delivery")));
        graphql(anna, "mutation($id: ID!) { changePriority(ticketId: $id, priority: URGENT) { priority } }", Map.of("id", id))
                .body("data.changePriority.priority", equalTo("URGENT"));
        graphql(anna, "mutation($id: ID!) { changeStatus(ticketId: $id, status: SOLVED) { status solvedAt } }", Map.of("id", id))
                .body("data.changeStatus.status", equalTo("SOLVED"));
        graphql(anna, "mutation($id: ID!) { changeStatus(ticketId: $id, status: PENDING) { status } }", Map.of("id", id))
                .body("errors[0].message", containsString("cannot become pending"))
                .body("data.changeStatus", nullValue());
        graphql(anna, "mutation($id: ID!) { changeStatus(ticketId: $id, status: CLOSED, expectedVersion: 0) { status } }",
                Map.of("id", id)).body("errors[0].message", containsString("version"));
        graphql(anna, "query($id: ID!) { ticket(id: $id) { status messages { visibility text } } }", Map.of("id", id))
                .body("data.ticket.status", equalTo("SOLVED"))
                .body("data.ticket.messages.visibility", equalTo(List.of("PUBLIC", "INTERNAL", "PUBLIC")));
    }

    @Test
    void remoteImagesOfAMessageLoadOnlyWhenTheAgentAsks() {
        String anna = KeycloakTokens.user("anna");
        String id = createTicket(anna, "Remote images", "ri-" + UUID.randomUUID() + "@example.test");
        graphql(anna, "mutation($id: ID!, $html: String) { reply(ticketId: $id, html: $html) { status } }", Map.of("id", id, "html",
                "<p>Label:</p><img src=\"https://cdn.example.test/label.png\" alt=\"label\">"
                        + "<img src=\"https://track.example.test/o.gif\" width=\"1\" height=\"1\">"))
                .body("errors", nullValue());

        var messages = graphql(anna, "query($id: ID!) { ticket(id: $id) { messages { html shown: html(remoteImages: true) } } }",
                Map.of("id", id)).body("errors", nullValue()).extract().jsonPath();

        String inert = messages.getString("data.ticket.messages[1].html");
        String shown = messages.getString("data.ticket.messages[1].shown");
        assertThat(inert).contains("data-remote-src=\"https://cdn.example.test/label.png\"").doesNotContain(" src=\"https://");
        assertThat(shown).contains("<img src=\"https://cdn.example.test/label.png\" alt=\"label\"")
                .as("the tracking pixel stays silent").doesNotContain(" src=\"https://track.example.test");
    }

    @Test
    void anotherTenantSeesNothingAndChangesNothing() {
        String anna = KeycloakTokens.user("anna");
        String gina = KeycloakTokens.user("gina");
        String id = createTicket(anna, "Acme secret", "i-" + UUID.randomUUID() + "@example.test");
        graphql(gina, "query($id: ID!) { ticket(id: $id) { id subject } }", Map.of("id", id))
                .body("data.ticket", nullValue());
        graphql(gina, "{ tickets(first: 100) { edges { node { id } } } }", Map.of())
                .body("data.tickets.edges.node.id", not(hasItem(id)));
        graphql(gina, "mutation($id: ID!) { changeStatus(ticketId: $id, status: SOLVED) { status } }", Map.of("id", id))
                .body("errors[0].message", containsString("does not exist"));
        graphql(gina, "query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { id subject } } }",
                Map.of("r", List.of(Map.of("__typename", "Ticket", "id", id))))
                .body("data._entities[0]", nullValue());
        graphql(anna, "query($id: ID!) { ticket(id: $id) { status } }", Map.of("id", id)).body("data.ticket.status", equalTo("NEW"));
    }

    @Test
    void federationResolvesTicketsAndCustomersByKey() {
        String anna = KeycloakTokens.user("anna");
        String id = createTicket(anna, "Entities", "f-" + UUID.randomUUID() + "@example.test");
        String requester = graphql(anna, "query($id: ID!) { ticket(id: $id) { requester { id } } }", Map.of("id", id))
                .extract().path("data.ticket.requester.id");
        var response = graphql(anna, """
                query($r: [_Any!]!) { _entities(representations: $r) {
                  ... on Ticket { id subject } ... on Customer { id tickets { id } } ... on Agent { id } } }""",
                Map.of("r", List.of(Map.of("__typename", "Ticket", "id", id), Map.of("__typename", "Customer", "id", requester),
                        Map.of("__typename", "Agent", "id", "anna"))))
                .body("errors", nullValue()).extract().jsonPath();
        assertThat(response.getString("data._entities[0].subject")).isEqualTo("Entities");
        assertThat(response.getList("data._entities[1].tickets.id")).contains(id);
        assertThat(response.getString("data._entities[2].id")).isEqualTo("anna");
    }

    @Test
    void subgraphSdlDeclaresTheEntitiesOfThePharosSupergraph() {
        String sdl = given().contentType(ContentType.JSON).body(Map.of("query", "{ _service { sdl } }"))
                .when().post("/graphql").then().statusCode(200).extract().path("data._service.sdl");
        assertThat(sdl).contains("type Ticket @key(fields : \"id\")", "type Customer @key(fields : \"id\")",
                "type Agent @key(fields : \"id\")", "reply(", "addNote(", "assign(", "changeStatus(", "changePriority(",
                "mergeCustomers(", "createTicket(");
    }
}
