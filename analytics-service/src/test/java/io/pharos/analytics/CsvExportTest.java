package io.pharos.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The CSV report opens safely in a spreadsheet: a team or agent named like a formula (they come
 * from ticket events, i.e. from what tenants type) is written as text with a leading quote, never
 * as a formula; the figures stay numbers.
 */
@QuarkusTest
class CsvExportTest {

    static List<List<String>> rows(String csv) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).with(CsvSchema.emptySchema()).readValues(csv)) {
            return it.readAll();
        }
    }

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    static Map<String, Object> ticket(UUID id, String team, String agent, Instant created) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id.toString());
        t.put("number", 3);
        t.put("status", "new");
        t.put("priority", "normal");
        t.put("channel", "email");
        t.put("requesterId", UUID.randomUUID().toString());
        t.put("assigneeId", agent);
        t.put("team", team);
        t.put("createdAt", created.toString());
        t.put("updatedAt", created.toString());
        t.put("reopenCount", 0);
        return t;
    }

    @Test
    void formulaLikeNamesAreExportedAsQuotedTextWithALeadingApostrophe() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = "=HYPERLINK(\"http://evil.example/" + run + "\",\"Open\")";
        String agent = "@SUM(1+1)*cmd|' /C calc'!A0-" + run;
        // an hour of its own in the past, so no other test's tickets share it
        Instant from = Instant.parse("2024-01-01T00:00:00Z").plus((long) (Math.random() * 20_000), ChronoUnit.HOURS);
        Instant to = from.plus(1, ChronoUnit.HOURS);
        UUID id = UUID.randomUUID();
        KafkaEvents.publish("pharos.ticket.events", id.toString(), "//pharos/ticket-service", "pharos.ticket.created", "acme",
                Map.of("ticket", ticket(id, team, agent, from.plusSeconds(60))));
        String sofia = KeycloakTokens.user("sofia");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().auth().oauth2(sofia).queryParam("from", from.toString()).queryParam("to", to.toString())
                        .queryParam("groupBy", "team").get("/api/v1/kpis").then().statusCode(200).extract().jsonPath()
                        .getList("groups.group").contains(team));

        for (String[] by : new String[][] { { "team", team }, { "agent", agent } }) {
            String csv = given().auth().oauth2(sofia).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .queryParam("groupBy", by[0]).get("/api/v1/reports/kpis.csv").then().statusCode(200).contentType("text/csv")
                    .extract().asString();
            // the raw cell: quoted, apostrophe first, inner quotes doubled
            assertThat(csv).contains("\r\n\"'" + by[1].replace("\"", "\"\"") + "\",");
            assertThat(csv.lines()).noneMatch(l -> l.startsWith("=") || l.startsWith("@") || l.startsWith("\"="));
            List<List<String>> rows = rows(csv);
            List<String> header = rows.get(0);
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0)).allMatch(g -> !g.startsWith("=") && !g.startsWith("@"));
            List<String> row = rows.stream().filter(r -> r.get(0).equals("'" + by[1])).findFirst().orElseThrow();
            assertThat(row.get(header.indexOf("volume"))).isEqualTo("1.00");
            // numbers are not quoted
            assertThat(csv).contains(",1.00,");
        }
    }
}
