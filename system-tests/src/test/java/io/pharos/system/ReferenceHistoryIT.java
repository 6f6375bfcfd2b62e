package io.pharos.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.system.reference.OpenHours;
import io.pharos.system.reference.ReferenceHistory;
import io.pharos.system.reference.ReferenceKpis;
import io.pharos.system.reference.ReferenceKpis.Figure;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.pharos.testing.Mailboxes;
import io.restassured.http.ContentType;

/**
 * A support team moves three months of history into Pharos through the public import APIs —
 * customers with their past, 320 tickets with full timelines, their survey answers — and compares
 * every KPI Pharos reports, per day, week and month and by channel, team and agent, with an
 * independent computation from the same history ({@link ReferenceKpis}): counts exactly, averages
 * and rates to 1e-6, medians and p90 within 1 %. Importing it sends nothing to anybody.
 */
class ReferenceHistoryIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TICKETS = "http://localhost:8081";
    static final String SURVEYS = "http://localhost:8083";
    static final String ANALYTICS = "http://localhost:8084";
    static final long SEED = 20_2026_12_06L;
    static final List<String> KPIS = List.of("volume", "firstResponseTime.calendar", "firstResponseTime.business", "replyTime.calendar",
            "replyTime.business", "firstResolutionTime.calendar", "firstResolutionTime.business", "fullResolutionTime.calendar",
            "fullResolutionTime.business", "fcr", "reopenRate", "slaFirstResponseCompliance", "slaResolutionCompliance", "csat",
            "csatSatisfied", "nps", "ces");

    final List<String> mismatches = new ArrayList<>();

    @Test
    void importedHistoryReportsWhatTheHistorySays() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int year = emptyYear();
        ReferenceHistory history = new ReferenceHistory(SEED, year, run);
        OpenHours business = defaultCalendar();
        OpenHours slaHours = new OpenHours(ReferenceHistory.ZONE, business.days(), LocalTime.of(9, 0), LocalTime.of(17, 0),
                Set.copyOf(history.holidays));
        referencePolicy(history, slaHours);

        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            List<JsonNode> customers = ImportJourneyIT.post(TICKETS, "/api/v1/customers/import", history.customerLines());
            assertThat(customers).as("%s", customers).allSatisfy(r -> assertThat(r.path("status").asText()).isIn("created", "updated"))
                    .hasSize(history.customers.size());
            Map<String, String> customerIds = new HashMap<>();
            customers.forEach(r -> customerIds.put(r.path("externalId").asText(), r.path("id").asText()));
            // one person was recorded twice in the old tool: merged, the duplicate lives on in the survivor
            given().baseUri(TICKETS).auth().oauth2(KeycloakTokens.integrator("acme")).contentType(ContentType.JSON)
                    .body(Map.of("customerId", customerIds.get(history.duplicate.externalId())))
                    .post("/api/v1/customers/" + customerIds.get(history.survivor.externalId()) + "/merge").then().statusCode(200);

            Instant importedAt = Instant.now();
            List<JsonNode> tickets = ImportJourneyIT.post(TICKETS, "/api/v1/tickets/import", history.ticketLines());
            assertThat(tickets).as("%s", tickets).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("created"))
                    .hasSize(history.tickets.size());
            for (int i = 0; i < tickets.size(); i++) {
                assertThat(tickets.get(i).path("externalId").asText()).as("result lines echo their externalId")
                        .isEqualTo(history.tickets.get(i).externalId());
            }
            List<JsonNode> answers = importAnswers(history.responseLines());
            assertThat(answers).as("%s", answers).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("created"))
                    .hasSize(history.responses.size());

            ReferenceKpis expected = new ReferenceKpis(history, business, slaHours, importedAt);
            Map<String, Figure> total = expected.report(history.from, history.to, history.to, "none", "all");
            awaitProjected(history, total);

            compareReports(history, expected, history.from, history.to, "range");
            List<Instant> months = List.of(history.from, LocalDate.of(year, 4, 1).atStartOfDay(ReferenceHistory.ZONE).toInstant(),
                    LocalDate.of(year, 5, 1).atStartOfDay(ReferenceHistory.ZONE).toInstant(), history.to);
            for (int m = 0; m + 1 < months.size(); m++) {
                compareReports(history, expected, months.get(m), months.get(m + 1), "month " + (m + 3));
            }
            compareSeries(expected, history.from, history.to, "day");
            compareSeries(expected, history.weeks()[0], history.weeks()[1], "week");
            compareSeries(expected, history.from, history.to, "month");

            // nothing of the history reached anybody: no outbound message keyed by its tickets or customers, no mail
            Set<String> ours = new HashSet<>(customerIds.values());
            tickets.forEach(r -> ours.add(r.path("id").asText()));
            assertThat(outbound.during(Duration.ofSeconds(3), e -> ours.contains(e.key()))).as("outbound messages for imported history")
                    .isEmpty();
            for (ReferenceHistory.Customer c : history.customers.subList(0, 10)) {
                assertThat(Mailboxes.inbox(c.email(), 1, Duration.ofMillis(200))).as("mail to %s", c.email()).isEmpty();
            }
        }
        assertThat(mismatches).as("KPIs that differ from the reference computation (%d)", mismatches.size()).isEmpty();
        System.out.printf("reference history: %d customers, %d tickets, %d answers in %d, every KPI as computed independently%n",
                history.customers.size(), history.tickets.size(), history.responses.size(), year);
    }

    /**
     * The answers, linked by the tickets' external ids: survey-service learns the tickets from their
     * events, so a line may be early (409 ticket-not-yet-known) and is sent again, as an integrator would.
     */
    static List<JsonNode> importAnswers(List<Map<String, Object>> lines) throws Exception {
        Map<Object, JsonNode> results = new LinkedHashMap<>();
        List<Map<String, Object>> pending = lines;
        Instant deadline = Instant.now().plusSeconds(90);
        while (!pending.isEmpty()) {
            List<JsonNode> answered = ImportJourneyIT.post(SURVEYS, "/api/v1/responses/import", pending);
            List<Map<String, Object>> early = new ArrayList<>();
            for (int i = 0; i < answered.size(); i++) {
                JsonNode r = answered.get(i);
                results.put(pending.get(i).get("externalId"), r);
                if (r.path("error").path("status").asInt() == 409 && Instant.now().isBefore(deadline)) {
                    early.add(pending.get(i));
                }
            }
            pending = early;
            if (!pending.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        return new ArrayList<>(results.values());
    }

    /**
     * A year of the past whose March–May holds nothing of the tenant, so that reruns never mix: a
     * history's customers reach 700 days back, so candidate years lie four apart, and a year is taken
     * only when no ticket lies in its period and no customer was created before the next March.
     */
    int emptyYear() {
        for (int year = 2014; year > 2000; year -= 4) {
            Instant from = LocalDate.of(year, 3, 1).atStartOfDay(ReferenceHistory.ZONE).toInstant();
            Instant to = LocalDate.of(year, 6, 1).atStartOfDay(ReferenceHistory.ZONE).toInstant();
            Instant nextMarch = LocalDate.of(year + 1, 3, 1).atStartOfDay(ReferenceHistory.ZONE).toInstant();
            long tickets = report(from, to, null).path("groups").path(0).path("kpis").path("volume").path("count").asLong(0);
            long customers = report(nextMarch, nextMarch.plusSeconds(3600), null).path("groups").path(0).path("kpis").path("retention")
                    .path("count").asLong(0);
            if (tickets == 0 && customers == 0) {
                return year;
            }
        }
        throw new AssertionError("no free year for the reference history among 2014, 2010, 2006, 2002: reset the local data");
    }

    /** The tenant's default calendar, as the business-time KPIs count it (one interval a day, dated holidays). */
    static OpenHours defaultCalendar() {
        JsonNode calendars = json(given().baseUri(TICKETS).auth().oauth2(KeycloakTokens.integrator("acme")).get("/api/v1/calendars").then()
                .statusCode(200).extract().asString());
        for (JsonNode c : calendars) {
            if (c.path("isDefault").asBoolean()) {
                Set<DayOfWeek> days = new HashSet<>();
                Set<String> hours = new HashSet<>();
                c.path("intervals").forEach(i -> {
                    days.add(DayOfWeek.valueOf(i.path("day").asText().toUpperCase()));
                    hours.add(i.path("start").asText() + "-" + i.path("end").asText());
                });
                assertThat(hours).as("the reference computation knows one interval a day, the same every day").hasSize(1);
                assertThat(c.path("alwaysOpen").asBoolean()).isFalse();
                Set<LocalDate> holidays = new HashSet<>();
                c.path("holidays").forEach(h -> {
                    assertThat(h.path("yearly").asBoolean()).as("dated holidays only").isFalse();
                    holidays.add(LocalDate.parse(h.path("date").asText()));
                });
                String[] span = hours.iterator().next().split("-");
                return new OpenHours(ZoneId.of(c.path("timeZone").asText()), days, LocalTime.parse(span[0]), LocalTime.parse(span[1]),
                        holidays);
            }
        }
        throw new AssertionError("the tenant has no default calendar: " + calendars);
    }

    /** Its own calendar with the year's holidays, and a policy for the reference tickets' tag, first in order. */
    static void referencePolicy(ReferenceHistory history, OpenHours hours) {
        String admin = KeycloakTokens.user("alex");
        List<Map<String, Object>> intervals = new ArrayList<>();
        hours.days().forEach(d -> intervals.add(Map.of("day", d.name().toLowerCase(), "start", "09:00", "end", "17:00")));
        List<Map<String, Object>> holidays = history.holidays.stream().map(d -> Map.<String, Object> of("date", d.toString(), "name", "holiday"))
                .toList();
        String calendar = given().baseUri(TICKETS).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Reference " + history.run, "timeZone", ReferenceHistory.ZONE.getId(), "intervals", intervals,
                        "holidays", holidays, "isDefault", false))
                .post("/api/v1/calendars").then().statusCode(201).extract().path("id");
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", "Reference " + history.run);
        policy.put("position", 0);
        policy.put("enabled", true);
        policy.put("tags", List.of("ref-" + history.run));
        policy.put("calendarId", calendar);
        policy.put("firstResponse", Map.of("minutes", ReferenceKpis.FIRST_RESPONSE_TARGET.toMinutes(), "businessHours", true));
        policy.put("resolution", Map.of("minutes", ReferenceKpis.RESOLUTION_TARGET.toMinutes(), "businessHours", true));
        policy.put("warnAtPercent", 75);
        given().baseUri(TICKETS).auth().oauth2(admin).contentType(ContentType.JSON).body(policy).post("/api/v1/sla/policies").then()
                .statusCode(201);
    }

    void awaitProjected(ReferenceHistory history, Map<String, Figure> total) {
        Journeys.await(() -> report(history.from, history.to, null), r -> {
            JsonNode k = r.path("groups").path(0).path("kpis");
            return stat(k, "volume").path("count").asLong() == total.get("volume").count()
                    && stat(k, "csat").path("count").asLong() == total.get("csat").count()
                    && stat(k, "slaResolutionCompliance").path("count").asLong() == total.get("slaResolutionCompliance").count()
                    && stat(k, "fullResolutionTime.calendar").path("count").asLong() == total.get("fullResolutionTime.calendar").count();
        }, Duration.ofSeconds(180));
    }

    void compareReports(ReferenceHistory history, ReferenceKpis expected, Instant from, Instant to, String label) {
        JsonNode before = report(from.minusSeconds(3600), from, null);
        for (String groupBy : List.of("none", "channel", "team", "agent")) {
            JsonNode api = report(from, to, "none".equals(groupBy) ? null : groupBy);
            JsonNode baseline = "none".equals(groupBy) ? before : report(from.minusSeconds(3600), from, groupBy);
            Set<String> groups = new HashSet<>();
            history.tickets.forEach(t -> groups.add(ReferenceKpis.group(t, groupBy)));
            for (String group : groups) {
                JsonNode kpis = group(api, "none".equals(groupBy) ? "all" : group);
                String where = label + " " + groupBy + "=" + group;
                compare(where, expected.report(from, to, to, groupBy, group), kpis);
                long backlog = Math.round(stat(kpis, "backlog").path("value").asDouble() - stat(group(baseline, "none".equals(groupBy) ? "all" : group),
                        "backlog").path("value").asDouble());
                check(where + " backlog change", expected.open(groupBy, group, to) - expected.open(groupBy, group, from), backlog);
            }
            if ("none".equals(groupBy)) {
                compare(label + " retention", Map.of("retention", expected.retention(from, to)), group(api, "all"));
            }
        }
    }

    void compareSeries(ReferenceKpis expected, Instant from, Instant to, String granularity) {
        JsonNode series = json(given().baseUri(ANALYTICS).auth().oauth2(KeycloakTokens.user("sofia"))
                .queryParams(Map.of("from", from.toString(), "to", to.toString(), "granularity", granularity)).get("/api/v1/kpis/series").then()
                .statusCode(200).extract().asString());
        JsonNode base = group(report(from.minusSeconds(3600), from, null), "all");
        double baseline = stat(base, "backlog").path("value").asDouble();
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (JsonNode point : series.path("points")) {
            Instant start = Instant.parse(point.path("start").asText());
            Instant end = Instant.parse(point.path("end").asText());
            String where = granularity + " " + start.atZone(ReferenceHistory.ZONE).toLocalDate();
            // a series judges full resolution at the end of the range asked, so its points add up to the range
            compare(where, expected.report(start, end, to, "none", "all"), point.path("kpis"));
            compare(where + " retention", Map.of("retention", expected.retention(start, end)), point.path("kpis"));
            check(where + " backlog", expected.open("none", "all", end) - expected.open("none", "all", from),
                    Math.round(stat(point.path("kpis"), "backlog").path("value").asDouble() - baseline));
            for (String kpi : KPIS) {
                sums.computeIfAbsent(kpi, k -> new long[1])[0] += stat(point.path("kpis"), kpi).path("count").asLong();
            }
        }
        Map<String, Figure> whole = expected.report(from, to, to, "none", "all");
        sums.forEach((kpi, n) -> check(granularity + " points of " + kpi + " add up to the range", whole.get(kpi).count(), n[0]));
    }

    void compare(String where, Map<String, Figure> expected, JsonNode kpis) {
        expected.forEach((kpi, e) -> {
            JsonNode a = stat(kpis, kpi);
            String at = where + " " + kpi;
            if (!"retention".equals(kpi) || e.count() > 0) {
                check(at + " count", e.count(), a.path("count").asLong());
            }
            if (!"volume".equals(kpi)) {
                Double value = a.path("value").isNumber() ? a.path("value").asDouble() : null;
                if (e.value() == null || value == null) {
                    if (e.value() != value) {
                        mismatches.add(at + " value: expected " + e.value() + ", got " + value);
                    }
                } else if (Math.abs(e.value() - value) > 1e-6) {
                    mismatches.add(at + " value: expected " + e.value() + ", got " + value);
                }
            }
            near(at + " median", e.median(), a.path("median"));
            near(at + " p90", e.p90(), a.path("p90"));
        });
    }

    void near(String at, Double expected, JsonNode actual) {
        if (expected == null) {
            return;
        }
        double got = actual.asDouble(Double.NaN);
        boolean ok = expected < 1 ? got < 1.5 : Math.abs(got - expected) <= expected * 0.01;
        if (!ok) {
            mismatches.add(at + ": expected " + expected + " (±1 %), got " + actual);
        }
    }

    void check(String at, long expected, long actual) {
        if (expected != actual) {
            mismatches.add(at + ": expected " + expected + ", got " + actual);
        }
    }

    /** A KPI's figures in a report group: {@code name} or {@code name.calendar|business}. */
    static JsonNode stat(JsonNode kpis, String kpi) {
        String[] path = kpi.split("\\.");
        JsonNode n = kpis.path(path[0]);
        return path.length > 1 ? n.path(path[1]) : n;
    }

    static JsonNode group(JsonNode report, String name) {
        for (JsonNode g : report.path("groups")) {
            if (name.equals(g.path("group").asText())) {
                return g.path("kpis");
            }
        }
        return JSON.createObjectNode();
    }

    static JsonNode report(Instant from, Instant to, String groupBy) {
        Map<String, Object> query = new HashMap<>(Map.of("from", from.toString(), "to", to.toString()));
        if (groupBy != null) {
            query.put("groupBy", groupBy);
        }
        return json(given().baseUri(ANALYTICS).auth().oauth2(KeycloakTokens.user("sofia")).queryParams(query).get("/api/v1/kpis").then()
                .statusCode(200).extract().asString());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
