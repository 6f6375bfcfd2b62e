package io.pharos.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.channel.service.security.Signatures;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.MessageRequested;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * WhatsApp message templates of a channel: written, checked, submitted to Meta, their review status
 * from Meta's webhook and from a sync, and sent only once approved, with the variables filled.
 * Shapes from Meta's documentation: template components and the create answer
 * (developers.facebook.com/documentation/business-messaging/whatsapp/templates/components), the list
 * with paging (.../whatsapp/templates/template-management), the {@code message_template_status_update}
 * webhook (.../whatsapp/webhooks/reference/message_template_status_update) and the template message
 * (.../whatsapp/messages/template-messages).
 */
@QuarkusTest
@QuarkusTestResource(value = ProviderStandIn.class, restrictToAnnotatedClass = true)
class WhatsAppTemplateTest {

    static final String WABA = "102290129340398";
    static final String BASE = "/api/v1/channels/acme-whatsapp/templates";

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.outbound.group.id", String.class),
                Duration.ofSeconds(30));
    }

    @BeforeEach
    void reset() {
        ProviderStandIn.server.resetAll();
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(KeycloakTokens.user("alex")).contentType(ContentType.JSON);
    }

    static Map<String, Object> template(String name, String body, List<String> examples, List<Map<String, String>> buttons) {
        return Map.of("name", name, "language", "el", "category", "UTILITY", "headerText", "Η παραγγελία σας", "bodyText", body,
                "bodyExamples", examples, "footerText", "Acme", "buttons", buttons);
    }

    static final String BODY = "Γεια σας {{1}}, η παραγγελία {{2}} στάλθηκε.";
    static final List<Map<String, String>> BUTTONS = List.of(Map.of("type", "QUICK_REPLY", "text", "Ευχαριστώ"),
            Map.of("type", "URL", "text", "Παρακολούθηση", "url", "https://acme.test/track/{{1}}", "example", "55231"));

    static String statusUpdate(String event, String providerId, String name, String reason) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","time":1773043600,"changes":[{"value":{"event":"%s",
                "message_template_id":%s,"message_template_name":"%s","message_template_language":"el","reason":"%s",
                "message_template_category":"UTILITY"},"field":"message_template_status_update"}]}]}"""
                .formatted(WABA, event, providerId, name, reason);
    }

    static void webhook(String body) {
        given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .header("X-Hub-Signature-256", Signatures.hubSha256Header("acme-whatsapp-secret", body.getBytes(StandardCharsets.UTF_8)))
                .post("/webhooks/meta/acme-whatsapp").then().statusCode(200);
    }

    static MessageRequested templateRequest(UUID ticket, String name, List<String> body, List<String> buttons) {
        UUID id = UUID.randomUUID();
        return new MessageRequested(id, ticket, 1090L, id, Channel.WHATSAPP,
                new MessageRequested.Recipient(UUID.randomUUID(), null, null, "306900000123", null, null, null, null), "[#1090] Παραγγελία",
                "", null, null, List.of(), "el", null, "acme-whatsapp", null, null, new MessageRequested.Template(name, "el", body, buttons), null);
    }

    @Test
    void badTemplatesAreRefusedAndChangeNothing() {
        String name = "bad_" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(template(name, "Γεια σας {{1}}, η παραγγελία {{3}}.", List.of("Ελένη", "55231"), List.of())).post(BASE).then()
                .statusCode(422).body("type", org.hamcrest.Matchers.endsWith("invalid-template"))
                .body("detail", org.hamcrest.Matchers.containsString("without gaps"));
        admin().body(template(name, BODY, List.of("Ελένη"), List.of())).post(BASE).then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("one example per variable"));
        admin().body(template("Order-Update", BODY, List.of("Ελένη", "55231"), List.of())).post(BASE).then().statusCode(400);
        admin().body(template(name, "x".repeat(1025), List.of(), List.of())).post(BASE).then().statusCode(413); // too-large, as conventions say
        List<Map<String, String>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.of("type", "QUICK_REPLY", "text", "Επιλογή " + i));
        }
        admin().body(template(name, BODY, List.of("Ελένη", "55231"), eleven)).post(BASE).then().statusCode(413);
        List<String> names = admin().get(BASE).then().statusCode(200).extract().path("name");
        assertThat(names).doesNotContain(name);
        given().auth().oauth2(KeycloakTokens.integrator("globex")).get(BASE).then().statusCode(403);
    }

    @Test
    void aTemplateIsWrittenSubmittedApprovedByWebhookAndSentWithItsVariablesFilled() throws Exception {
        var api = ProviderStandIn.server;
        String name = "order_shipped_" + UUID.randomUUID().toString().substring(0, 8);
        String id = admin().body(template(name, "Γεια σας {{1}}, η παραγγελία σας στάλθηκε.", List.of("Ελένη"), BUTTONS)).post(BASE).then()
                .statusCode(201).body("status", org.hamcrest.Matchers.equalTo("draft")).extract().path("id");
        admin().body(template(name, BODY, List.of("Ελένη"), BUTTONS)).post(BASE).then().statusCode(422);
        admin().body(template(name, BODY, List.of("Ελένη", "55231"), BUTTONS)).post(BASE).then().statusCode(409);
        admin().body(template(name, BODY, List.of("Ελένη", "55231"), BUTTONS)).put(BASE + "/" + id).then().statusCode(200)
                .body("bodyText", org.hamcrest.Matchers.equalTo(BODY)).body("status", org.hamcrest.Matchers.equalTo("draft"));

        // not approved yet: the request fails with the reason and Meta is not called
        UUID early = UUID.randomUUID();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            JsonNode failed = SendingAccountTest.publishAndAwait(kafka, early, templateRequest(early, name, List.of("Ελένη", "55231"),
                    List.of("55231"))).cloudEvent().path("data");
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("reason").asText()).isEqualTo("template " + name + " (el) is DRAFT, not approved by Meta, on channel acme-whatsapp");
        }
        api.verify(0, anyRequestedFor(anyUrl()));

        String providerId = String.valueOf(594425479261596L + Math.abs(name.hashCode() % 1000));
        api.stubFor(post(urlEqualTo("/meta/" + WABA + "/message_templates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + providerId + "\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));
        admin().post(BASE + "/" + id + "/submit").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("pending"))
                .body("providerId", org.hamcrest.Matchers.equalTo(providerId));
        api.verify(1, postRequestedFor(urlEqualTo("/meta/" + WABA + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer acme-whatsapp-token")).withRequestBody(equalToJson("""
                        {"name":"%s","language":"el","category":"UTILITY","components":[
                          {"type":"HEADER","format":"TEXT","text":"Η παραγγελία σας"},
                          {"type":"BODY","text":"%s","example":{"body_text":[["Ελένη","55231"]]}},
                          {"type":"FOOTER","text":"Acme"},
                          {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Ευχαριστώ"},
                            {"type":"URL","text":"Παρακολούθηση","url":"https://acme.test/track/{{1}}","example":["55231"]}]}]}"""
                        .formatted(name, BODY))));
        admin().body(template(name, BODY, List.of("Ελένη", "55231"), BUTTONS)).put(BASE + "/" + id).then().statusCode(409);

        webhook(statusUpdate("APPROVED", providerId, name, "NONE"));
        admin().get(BASE + "/" + id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("approved"));

        api.stubFor(post(urlEqualTo("/meta/106540352242922/messages")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(SendingAccountTest.WHATSAPP_SENT.formatted("wamid.TEMPLATE-1"))));
        UUID ticket = UUID.randomUUID();
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.delivery")) {
            // too few values: failed without a call
            UUID shortOne = UUID.randomUUID();
            assertThat(SendingAccountTest.publishAndAwait(kafka, shortOne, templateRequest(shortOne, name, List.of("Ελένη"), List.of("55231")))
                    .cloudEvent().path("data").path("reason").asText()).contains("needs 2 body values");
            JsonNode sent = SendingAccountTest.publishAndAwait(kafka, ticket, templateRequest(ticket, name, List.of("Γιώργο", "55231"),
                    List.of("55231"))).cloudEvent().path("data");
            assertThat(sent.path("status").asText()).isEqualTo("sent");
            assertThat(sent.path("providerMessageId").asText()).isEqualTo("wamid.TEMPLATE-1");
            assertThat(sent.path("text").asText()).isEqualTo("Γεια σας Γιώργο, η παραγγελία 55231 στάλθηκε.");
        }
        api.verify(1, postRequestedFor(urlEqualTo("/meta/106540352242922/messages")).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"306900000123","type":"template",
                 "template":{"name":"%s","language":{"code":"el"},"components":[
                   {"type":"body","parameters":[{"type":"text","text":"Γιώργο"},{"type":"text","text":"55231"}]},
                   {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"55231"}]}]}}""".formatted(name))));

        // Meta pauses it: sending stops again
        webhook(statusUpdate("PAUSED", providerId, name, "NONE"));
        admin().get(BASE + "/" + id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("paused"));
    }

    @Test
    void aSyncReadsEveryPageAndTakesOverStatusAndReason() {
        var api = ProviderStandIn.server;
        String name = "promo_" + UUID.randomUUID().toString().substring(0, 8);
        String id = admin().body(Map.of("name", name, "language", "el", "category", "MARKETING", "bodyText", "Έκπτωση 20% με τον κωδικό {{1}}",
                "bodyExamples", List.of("SUMMER20"))).post(BASE).then().statusCode(201).extract().path("id");
        String providerId = String.valueOf(1000000 + Math.abs(name.hashCode() % 100000));
        api.stubFor(post(urlEqualTo("/meta/" + WABA + "/message_templates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"" + providerId + "\",\"status\":\"PENDING\",\"category\":\"MARKETING\"}")));
        admin().post(BASE + "/" + id + "/submit").then().statusCode(200);
        // two pages: ours is on the second, rejected
        api.stubFor(get(urlPathEqualTo("/meta/" + WABA + "/message_templates")).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":[{"name":"hello_world","language":"en_US","status":"APPROVED","category":"UTILITY","id":"1192339204654487"}],
                         "paging":{"cursors":{"before":"MAZDZD","after":"MjQZD"},
                         "next":"https://graph.facebook.com/v23.0/102290129340398/message_templates?limit=100&after=MjQZD"}}""")));
        api.stubFor(get(urlPathEqualTo("/meta/" + WABA + "/message_templates")).withQueryParam("after", equalTo("MjQZD"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":[{"name":"%s","language":"el","status":"REJECTED","category":"MARKETING","id":"%s",
                                  "rejected_reason":"INVALID_FORMAT"}],
                         "paging":{"cursors":{"before":"MjQZD","after":"MjUZD"}}}""".formatted(name, providerId))));
        List<Map<String, Object>> synced = admin().post(BASE + "/sync").then().statusCode(200).extract().path("findAll { it.name == '" + name + "' }");
        assertThat(synced).hasSize(1);
        assertThat(synced.get(0)).containsEntry("status", "rejected").containsEntry("rejectedReason", "INVALID_FORMAT");
        api.verify(2, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/meta/" + WABA + "/message_templates"))
                .withHeader("Authorization", equalTo("Bearer acme-whatsapp-token")));

        // the admin fixes it; a changed rejected template is a draft to submit again
        admin().body(Map.of("name", name, "language", "el", "category", "MARKETING", "bodyText", "Έκπτωση 20% με τον κωδικό {{1}}.",
                "bodyExamples", List.of("SUMMER20"))).put(BASE + "/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("draft")).body("rejectedReason", org.hamcrest.Matchers.nullValue());

        // deleted here and at Meta (by name and id, as template management documents it)
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/meta/" + WABA + "/message_templates"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"success\":true}")));
        admin().delete(BASE + "/" + id).then().statusCode(204);
        admin().get(BASE + "/" + id).then().statusCode(404);
        api.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlPathEqualTo("/meta/" + WABA + "/message_templates"))
                .withQueryParam("name", equalTo(name)).withQueryParam("hsm_id", equalTo(providerId)));
    }

    @Test
    void graphqlListsCreatesSubmitsAndSyncs() {
        var api = ProviderStandIn.server;
        String name = "gql_" + UUID.randomUUID().toString().substring(0, 8);
        String created = admin().body(Map.of("query", """
                mutation($input: WhatsAppTemplateInput!) { createWhatsAppTemplate(channelId: "acme-whatsapp", input: $input) { id name status } }""",
                "variables", Map.of("input", Map.of("name", name, "language", "en_US", "category", "UTILITY", "bodyText", "Hi {{1}}",
                        "bodyExamples", List.of("Maria"))))).post("/graphql").then().statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue()).extract().path("data.createWhatsAppTemplate.id");
        admin().body(Map.of("query", """
                mutation($input: WhatsAppTemplateInput!) { createWhatsAppTemplate(channelId: "acme-whatsapp", input: $input) { id } }""",
                "variables", Map.of("input", Map.of("name", name + "_x", "language", "en_US", "category", "UTILITY", "bodyText", "Hi {{2}}",
                        "bodyExamples", List.of("Maria"))))).post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.notNullValue()).body("data.createWhatsAppTemplate", org.hamcrest.Matchers.nullValue());
        api.stubFor(post(urlEqualTo("/meta/" + WABA + "/message_templates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"777" + Math.abs(name.hashCode() % 100000) + "\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}")));
        admin().body(Map.of("query", "mutation { submitWhatsAppTemplate(channelId: \"acme-whatsapp\", templateId: \"" + created + "\") { status } }"))
                .post("/graphql").then().statusCode(200).body("data.submitWhatsAppTemplate.status", org.hamcrest.Matchers.equalTo("PENDING"));
        api.stubFor(get(urlPathEqualTo("/meta/" + WABA + "/message_templates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[],\"paging\":{\"cursors\":{\"before\":\"a\",\"after\":\"b\"}}}")));
        admin().body(Map.of("query", "mutation { syncWhatsAppTemplates(channelId: \"acme-whatsapp\") { name status } }")).post("/graphql").then()
                .statusCode(200).body("errors", org.hamcrest.Matchers.nullValue());
        List<String> names = admin().body(Map.of("query", "{ whatsAppTemplates(channelId: \"acme-whatsapp\") { name status bodyText } }"))
                .post("/graphql").then().statusCode(200).extract().path("data.whatsAppTemplates.name");
        assertThat(names).contains(name).doesNotContain(name + "_x");
    }
}
