package io.pharos.system;

import static io.pharos.system.Journeys.await;
import static io.pharos.system.Journeys.gateway;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Ndjson;
import io.restassured.path.json.JsonPath;

/**
 * An integrator moves a help desk's history into Pharos over REST: six tickets of one day across
 * five channels (replies, an internal note, a pending wait, a reopen, one left open past midnight)
 * into ticket-service, then their survey answers into survey-service. The supervisor's report for
 * that day, through the gateway, equals what the history says, figure by figure.
 */
class ImportJourneyIT {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One ticket of history: channel, then (minute of the day, what happened) pairs. */
    record Step(int minute, String what) {
    }

    Instant day;
    String run;

    Instant at(int minute) {
        return day.plusSeconds(60L * minute);
    }

    Map<String, Object> ticket(String channel, Map<String, Object> requester, int created, Step... steps) {
        List<Map<String, Object>> messages = new ArrayList<>();
        List<Map<String, Object>> statuses = new ArrayList<>();
        messages.add(Map.of("author", "customer", "text", "Hello, I need help", "createdAt", at(created).toString()));
        for (Step s : steps) {
            switch (s.what()) {
                case "reply" -> messages.add(Map.of("author", "agent", "text", "Here is the answer", "createdAt", at(s.minute()).toString()));
                case "note" -> messages.add(Map.of("author", "agent", "visibility", "internal", "text", "checking stock",
                        "createdAt", at(s.minute()).toString()));
                case "customer" -> messages.add(Map.of("author", "customer", "text", "One more thing", "createdAt", at(s.minute()).toString()));
                default -> statuses.add(Map.of("status", s.what(), "at", at(s.minute()).toString()));
            }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("externalId", "legacy-" + run + "-" + created);
        t.put("subject", "Legacy " + channel + " " + created);
        t.put("channel", channel);
        t.put("createdAt", at(created).toString());
        t.put("requester", requester);
        t.put("messages", messages);
        t.put("statusChanges", statuses);
        return t;
    }

    Map<String, Object> answer(String type, int score, String ticketId, int minute, String key) {
        return Map.of("type", type, "score", score, "ticketId", ticketId, "respondedAt", at(minute).toString(), "externalId", run + "-" + key);
    }

    static List<JsonNode> post(String baseUri, String path, List<Map<String, Object>> lines) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Map<String, Object> line : lines) {
            body.append(JSON.writeValueAsString(line)).append('\n');
        }
        return Ndjson.parse(given().baseUri(baseUri).auth().oauth2(KeycloakTokens.integrator("acme")).contentType("application/x-ndjson")
                .body(body.toString().getBytes(StandardCharsets.UTF_8)).when().post(path).then().statusCode(200).extract().asString());
    }

    static double value(JsonPath report, String path) {
        return report.<Number> get("data.kpis.groups[0]." + path + ".value").doubleValue();
    }

    /** How many answers a group's survey KPI counts ({@code {count}}, or null when it has none). */
    static int answerCount(Object kpi) {
        return kpi instanceof Map<?, ?> m && m.get("count") instanceof Number n ? n.intValue() : 0;
    }

    /** The answers of a kind over every channel group of the grouped report. */
    static int answersByChannel(JsonPath report, String kind) {
        return report.getList("data.byChannel.groups", Map.class).stream().mapToInt(g -> answerCount(g.get(kind))).sum();
    }

    static int count(JsonPath report, String path) {
        return report.getInt("data.kpis.groups[0]." + path + ".count");
    }

    @Test
    void importedHistoryGivesTheReportItsOwnFigures() throws Exception {
        // a day of years ago that no other run uses
        day = LocalDate.of(2018, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 4 * 365)).atStartOfDay(ZoneOffset.UTC).toInstant();
        run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now();
        String who = "legacy-" + run;
        List<Map<String, Object>> history = List.of(
                // email: answered in 30 min, solved an hour after it came: first-contact resolution
                ticket("email", Map.of("email", who + "-1@example.test"), 8 * 60, new Step(8 * 60 + 30, "reply"), new Step(9 * 60, "solved")),
                // chat: two replies before the solve: no FCR
                ticket("chat", Map.of("chat", who + "-2"), 10 * 60, new Step(10 * 60 + 5, "reply"), new Step(10 * 60 + 10, "customer"),
                        new Step(10 * 60 + 20, "reply"), new Step(11 * 60, "solved")),
                // WhatsApp: solved, reopened by the customer, solved again
                ticket("whatsapp", Map.of("whatsapp", "3069" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999)), 12 * 60,
                        new Step(13 * 60, "reply"), new Step(14 * 60, "solved"), new Step(15 * 60, "customer"), new Step(15 * 60, "open"),
                        new Step(15 * 60 + 10, "reply"), new Step(16 * 60, "solved")),
                // SMS: nobody answered that day; solved the next morning
                ticket("sms", Map.of("phone", "+30697" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999)), 17 * 60,
                        new Step(24 * 60 + 10 * 60, "solved")),
                // email: an internal note is no reply; the public one at 10 minutes is
                ticket("email", Map.of("email", who + "-5@example.test"), 18 * 60, new Step(18 * 60 + 5, "note"),
                        new Step(18 * 60 + 10, "reply"), new Step(18 * 60 + 30, "solved")),
                // phone: answered, waited on the customer, solved
                ticket("phone", Map.of("phone", "+30210" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999)), 20 * 60,
                        new Step(20 * 60 + 45, "reply"), new Step(20 * 60 + 46, "pending"), new Step(21 * 60, "solved")));
        List<JsonNode> imported = post("http://localhost:8081", "/api/v1/tickets/import", history);
        assertThat(imported).extracting(r -> r.path("status").asText()).as("%s", imported).containsOnly("created").hasSize(6);
        List<String> ids = imported.stream().map(r -> r.path("id").asText()).toList();

        // the old tool's survey answers: CSAT 5, 3, 4 on three tickets; NPS 10, 9, 3 from three customers
        // (linked to their tickets only: survey-service may not have seen the just-imported tickets yet, and analytics
        // attributes each answer to its ticket's channel whichever of the two it reads first)
        List<Map<String, Object>> answers = List.of(
                answer("csat", 5, ids.get(0), 9 * 60 + 30, "c1"), answer("csat", 3, ids.get(1), 11 * 60 + 30, "c2"),
                answer("csat", 4, ids.get(4), 19 * 60, "c5"), answer("nps", 10, ids.get(0), 22 * 60, "n1"),
                answer("nps", 9, ids.get(2), 22 * 60, "n3"), answer("nps", 3, ids.get(5), 22 * 60, "n6"));
        List<JsonNode> recorded = post("http://localhost:8083", "/api/v1/responses/import", answers);
        assertThat(recorded).extracting(r -> r.path("status").asText()).as("%s", recorded).containsOnly("created").hasSize(6);

        String sofia = KeycloakTokens.user("sofia");
        Map<String, Object> range = Map.of("from", day.toString(), "to", day.plusSeconds(24 * 3600).toString());
        String query = """
                query($from: DateTime!, $to: DateTime!) {
                  kpis(from: $from, to: $to) { groups { group volume { count value } reopenRate { count value } fcr { count value }
                    firstResponseTime { calendar { count value median p90 } } replyTime { calendar { count value } }
                    firstResolutionTime { calendar { count value median } } fullResolutionTime { calendar { count value } }
                    csat { count value } csatSatisfied { count value } nps { count value } } }
                  byChannel: kpis(from: $from, to: $to, groupBy: CHANNEL) { groups { group volume { value } csat { count } nps { count } } }
                }""";
        // both reports settled: the two aliases are read at different moments, so the grouped one can be a
        // step behind the tenant-wide one while analytics is still applying the answers
        JsonPath report = await(() -> gateway(sofia, query, range),
                r -> !r.getList("data.kpis.groups").isEmpty() && r.getInt("data.kpis.groups[0].nps.count") == 3
                        && r.getInt("data.kpis.groups[0].csat.count") == 3 && r.getInt("data.kpis.groups[0].fcr.count") == 5
                        && answersByChannel(r, "nps") == 3 && answersByChannel(r, "csat") == 3,
                Duration.ofSeconds(60));
        Duration toReport = Duration.between(start, Instant.now());

        assertThat(value(report, "volume")).as(report.prettify()).isEqualTo(6);
        // first response: 30, 5, 60, 10 and 45 minutes
        assertThat(count(report, "firstResponseTime.calendar")).isEqualTo(5);
        assertThat(value(report, "firstResponseTime.calendar")).isCloseTo(1800, within(1e-6));
        assertThat(report.<Number> get("data.kpis.groups[0].firstResponseTime.calendar.median").doubleValue()).isCloseTo(1800, within(18.0));
        assertThat(report.<Number> get("data.kpis.groups[0].firstResponseTime.calendar.p90").doubleValue()).isCloseTo(3600, within(36.0));
        // replies: 30, 5 and 10, 60 and 10, 10, 45 minutes
        assertThat(count(report, "replyTime.calendar")).isEqualTo(7);
        assertThat(value(report, "replyTime.calendar")).isCloseTo(10200.0 / 7, within(1e-6));
        // first solves after 1, 1, 2, 0.5 and 1 hours (the SMS one is solved the next day)
        assertThat(count(report, "firstResolutionTime.calendar")).isEqualTo(5);
        assertThat(value(report, "firstResolutionTime.calendar")).isCloseTo(3960, within(1e-6));
        assertThat(report.<Number> get("data.kpis.groups[0].firstResolutionTime.calendar.median").doubleValue()).isCloseTo(3600, within(36.0));
        // the reopened WhatsApp ticket counts once, with its last solve after 4 hours
        assertThat(count(report, "fullResolutionTime.calendar")).isEqualTo(5);
        assertThat(value(report, "fullResolutionTime.calendar")).isCloseTo(5400, within(1e-6));
        assertThat(value(report, "fcr")).as("email, email and phone of five solved").isCloseTo(60, within(1e-6));
        assertThat(value(report, "reopenRate")).isCloseTo(20, within(1e-6));
        // CSAT 5, 3, 4 on 1-5: 10, 5 and 7.5 of 10; two of three in the top two boxes
        assertThat(value(report, "csat")).isCloseTo(7.5, within(1e-6));
        assertThat(value(report, "csatSatisfied")).isCloseTo(200.0 / 3, within(1e-6));
        // NPS 10, 9, 3: two promoters, one detractor
        assertThat(value(report, "nps")).isCloseTo(100.0 / 3, within(1e-6));
        Map<String, Double> volumes = new LinkedHashMap<>();
        report.getList("data.byChannel.groups", Map.class)
                .forEach(g -> volumes.put((String) g.get("group"), ((Number) ((Map<?, ?>) g.get("volume")).get("value")).doubleValue()));
        volumes.values().removeIf(v -> v == 0); // a channel with answers but no ticket created that day
        assertThat(volumes).containsExactlyInAnyOrderEntriesOf(Map.of("email", 2.0, "chat", 1.0, "whatsapp", 1.0, "sms", 1.0, "phone", 1.0));
        // every answer under its ticket's channel, none under "unknown"
        Map<String, List<Integer>> answersByChannel = new LinkedHashMap<>();
        report.getList("data.byChannel.groups", Map.class).forEach(g -> answersByChannel.put((String) g.get("group"),
                List.of(answerCount(g.get("csat")), answerCount(g.get("nps")))));
        answersByChannel.values().removeIf(counts -> counts.equals(List.of(0, 0)));
        assertThat(answersByChannel).as("CSAT and NPS answers per channel").containsExactlyInAnyOrderEntriesOf(
                Map.of("email", List.of(2, 1), "chat", List.of(1, 0), "whatsapp", List.of(0, 1), "phone", List.of(0, 1)));

        // the agent finds the imported conversation as it was; another tenant finds nothing
        JsonPath old = gateway(KeycloakTokens.user("anna"), "query($id: ID!) { ticket(id: $id) { status createdAt messages { author visibility } } }",
                Map.of("id", ids.get(4)));
        assertThat(old.getString("data.ticket.status")).isEqualTo("SOLVED");
        assertThat(Instant.parse(old.getString("data.ticket.createdAt"))).isEqualTo(at(18 * 60));
        assertThat(old.getList("data.ticket.messages.visibility", String.class)).containsExactly("PUBLIC", "INTERNAL", "PUBLIC");
        assertThat(gateway(KeycloakTokens.user("gina"), "query($id: ID!) { ticket(id: $id) { id } }", Map.of("id", ids.get(4)))
                .getString("data.ticket")).isNull();
        System.out.printf("import journey: %s, 6 tickets and 6 survey answers imported, report exact after %d ms%n", day, toReport.toMillis());
    }
}
