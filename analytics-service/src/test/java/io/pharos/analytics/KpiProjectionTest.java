package io.pharos.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The reference dataset fed as events through the real Kafka into the real PostgreSQL — every
 * event twice, all of them shuffled across the ticket and survey topics (a reply before its
 * ticket's creation, the calendar after the tickets) — and every KPI, grouping and range read
 * back over REST equals the figure computed independently by {@link ReferenceDataset}: counts and
 * rates exactly, averages to the second, medians and p90 within the 1 % the log bins allow.
 */
@QuarkusTest
class KpiProjectionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ReferenceDataset DATA = ReferenceDataset.generate(20260324L, 220);

    @Inject
    Pool pool;

    @Inject
    io.pharos.analytics.service.DigestService digests;

    @BeforeAll
    static void consumerReady() {
        KafkaEvents.awaitAssigned(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class),
                Duration.ofSeconds(30));
    }

    record Raw(String topic, String key, String value) {
    }

    static Raw event(String topic, String key, String type, String tenant, Object data) throws Exception {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", topic.contains("survey") ? "//pharos/survey-service" : "//pharos/ticket-service");
        e.put("type", type);
        e.put("subject", key);
        e.put("time", Instant.now().toString());
        e.put("tenant", tenant);
        e.put("data", data);
        return new Raw(topic, key, JSON.writeValueAsString(e));
    }

    static Raw historical(Raw raw) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode e = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(raw.value());
        e.put("historical", true);
        return new Raw(raw.topic(), raw.key(), JSON.writeValueAsString(e));
    }

    static Map<String, Object> snapshot(ReferenceDataset.Ticket t, Instant at) {
        String status = "new";
        int reopens = 0;
        String before = null;
        for (ReferenceDataset.Status s : t.statuses()) {
            if (!s.at().isAfter(at)) {
                if (before != null && ReferenceDataset.DONE.contains(before) && !ReferenceDataset.DONE.contains(s.status())) {
                    reopens++;
                }
                before = status = s.status();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().toString());
        m.put("number", t.number());
        m.put("status", status);
        m.put("priority", "normal");
        m.put("channel", t.channel());
        m.put("requesterId", UUID.nameUUIDFromBytes(t.id().toString().getBytes()).toString());
        m.put("assigneeId", t.agent());
        m.put("team", t.team());
        m.put("createdAt", t.created().toString());
        m.put("updatedAt", at.toString());
        m.put("reopenCount", reopens);
        if (t.number() % 2 == 0) { // who opened it; the others leave it to the first visible message, as older events do
            m.put("openedBy", "customer".equals(t.messages().get(0).author()) ? "customer" : "agent");
        }
        return m;
    }

    /** The events ticket-service and survey-service would have published for the dataset. */
    static List<Raw> events() throws Exception {
        List<Raw> out = new ArrayList<>();
        String topic = "pharos.ticket.events";
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("id", UUID.randomUUID().toString());
        calendar.put("name", "Athens office");
        calendar.put("timeZone", "Europe/Athens");
        calendar.put("alwaysOpen", false);
        calendar.put("intervals", List.of("monday", "tuesday", "wednesday", "thursday", "friday").stream()
                .map(d -> Map.of("day", d, "start", "09:00", "end", "17:00")).toList());
        calendar.put("holidays", List.of(Map.of("date", "2026-03-25", "yearly", true, "name", "Independence Day")));
        calendar.put("isDefault", true);
        calendar.put("updatedAt", "2026-01-01T00:00:00Z");
        out.add(event(topic, calendar.get("id").toString(), "pharos.calendar.updated", "acme", Map.of("calendar", calendar, "deleted", false)));
        for (ReferenceDataset.Ticket t : DATA.tickets) {
            String key = t.id().toString();
            int before = out.size();
            out.add(event(topic, key, "pharos.ticket.created", t.tenant(), Map.of("ticket", snapshot(t, t.created()), "slaClocks",
                    clocks(t, t.created()))));
            for (ReferenceDataset.Msg m : t.messages()) {
                Map<String, Object> message = Map.of("id", m.id().toString(), "authorKind", m.author(), "visibility", m.visibility(),
                        "createdAt", m.at().toString());
                out.add(event(topic, key, "pharos.ticket.message.added", t.tenant(), Map.of("ticket", snapshot(t, m.at()), "message", message,
                        "slaClocks", clocks(t, m.at()))));
            }
            for (ReferenceDataset.Clock c : ReferenceDataset.clocks(t, ReferenceDataset.END)) {
                if (c.everBreached() && c.dueAt().isBefore(ReferenceDataset.END)) { // the breach, when the monitor saw the target pass
                    List<Map<String, Object>> breached = clocks(t, c.dueAt()).stream().filter(m -> c.target().equals(m.get("target"))).toList();
                    out.add(event(topic, key, "pharos.ticket.sla.breached", t.tenant(), Map.of("ticket", snapshot(t, c.dueAt()),
                            "sla", Map.of("target", c.target(), "dueAt", c.dueAt().toString()), "slaClocks", breached)));
                }
            }
            String previous = "new";
            for (ReferenceDataset.Status s : t.statuses().subList(1, t.statuses().size())) {
                Map<String, Object> change = Map.of("ticket", snapshot(t, s.at()), "previousStatus", previous, "status", s.status(),
                        "changedAt", s.at().toString(), "changedBy", "test", "slaClocks", clocks(t, s.at()));
                out.add(event(topic, key, "pharos.ticket.status.changed", t.tenant(), change));
                if (ReferenceDataset.DONE.contains(previous) && !ReferenceDataset.DONE.contains(s.status())) {
                    out.add(event(topic, key, "pharos.ticket.reopened", t.tenant(), change));
                }
                previous = s.status();
            }
            if (t.number() % 3 == 0) { // an imported ticket: its events are historical, and count exactly like live ones
                for (int i = before; i < out.size(); i++) {
                    out.set(i, historical(out.get(i)));
                }
            }
        }
        for (ReferenceDataset.Survey s : DATA.surveys) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("responseId", s.id().toString());
            data.put("type", s.type());
            data.put("score", s.score());
            data.put("scaleMin", s.min());
            data.put("scaleMax", s.max());
            data.put("respondedAt", s.at().toString());
            data.put("channel", s.channel());
            data.put("agentId", s.agent());
            data.put("team", s.team());
            out.add(event("pharos.survey.events", s.id().toString(), "pharos.survey.responded", s.tenant(), data));
        }
        for (ReferenceDataset.Customer c : DATA.customers) {
            String key = c.id().toString();
            Map<String, Object> customer = customer(c, c.created(), null);
            out.add(event(topic, key, "pharos.customer.created", c.tenant(), Map.of("customer", customer)));
            if (c.churnedOn() != null) { // integrators set the churn date a little later
                Instant marked = c.churnedOn().atStartOfDay(ReferenceDataset.ATHENS).toInstant().plusSeconds(3600);
                out.add(event(topic, key, "pharos.customer.churned", c.tenant(), Map.of("customer", customer(c, marked, c.churnedOn()))));
            }
            if (c.mergedAway()) {
                ReferenceDataset.Customer survivor = DATA.customers.get(DATA.customers.indexOf(c) + 1);
                out.add(event(topic, survivor.id().toString(), "pharos.customer.merged", c.tenant(),
                        Map.of("customer", customer(survivor, Instant.parse("2026-04-25T10:00:00Z"), survivor.churnedOn()),
                                "mergedCustomerId", key, "ticketsMoved", 0)));
            }
        }
        return out;
    }

    static List<Map<String, Object>> clocks(ReferenceDataset.Ticket t, Instant at) {
        return ReferenceDataset.clocks(t, at).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", c.target());
            m.put("policy", "Standard");
            m.put("state", c.state());
            m.put("dueAt", c.dueAt().toString());
            m.put("fulfilledAt", c.fulfilledAt() == null ? null : c.fulfilledAt().toString());
            m.put("everBreached", c.everBreached());
            m.put("updatedAt", c.updatedAt().toString());
            return m;
        }).toList();
    }

    static Map<String, Object> customer(ReferenceDataset.Customer c, Instant updated, java.time.LocalDate churnedOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("name", "Customer " + c.id().toString().substring(0, 8));
        m.put("lifecycle", churnedOn == null ? "active" : "churned");
        m.put("churnedOn", churnedOn == null ? null : churnedOn.toString());
        m.put("createdAt", c.created().toString());
        m.put("updatedAt", updated.toString());
        m.put("identities", List.of(Map.of("type", "email", "value", c.id() + "@example.com")));
        return m;
    }

    static String supervisor() {
        return KeycloakTokens.user("sofia");
    }

    static JsonNode kpis(String token, Instant from, Instant to, String groupBy) throws Exception {
        return JSON.readTree(given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("groupBy", groupBy).get("/api/v1/kpis").then().statusCode(200).extract().asString());
    }

    static boolean loaded;

    /** Feeds the dataset once per test run: every event twice, shuffled across both topics. */
    void ensureLoaded() throws Exception {
        if (loaded) {
            return;
        }
        pool.query("TRUNCATE processed_event, ticket_fact, message_fact, status_fact, survey_fact, calendar_replica, contribution, rollup,"
                + " rollup_bin, rollup_day, rollup_day_bin, kpi_target, customer_fact, sla_fact, digest_sent").execute().await().atMost(Duration.ofSeconds(10));
        List<Raw> events = events();
        List<Raw> twice = new ArrayList<>(events);
        twice.addAll(events); // every event delivered twice
        Collections.shuffle(twice, new Random(7));
        twice.forEach(e -> KafkaEvents.publishRaw(e.topic(), e.key(), e.value()));

        long distinct = events.size();
        long applied = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> pool.query("SELECT count(*) AS n FROM processed_event").execute().await().atMost(Duration.ofSeconds(10))
                        .iterator().next().getLong("n"), n -> n >= distinct);
        assertThat(applied).as("each of the %d events applied once", distinct).isEqualTo(distinct);
        // the duplicates still in flight change nothing (checked by the figures): every copy has been consumed once the
        // consumer group has no lag left on either topic
        awaitNoLag(ConfigProvider.getConfig().getValue("mp.messaging.incoming.ticket-events.group.id", String.class), Duration.ofSeconds(30));
        loaded = true;
    }

    /** Waits until the group has committed the end of both topics: every record published before is consumed (committed after it was applied). */
    static void awaitNoLag(String groupId, Duration timeout) {
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            Awaitility.await("consumer group " + groupId + " at the end of the topics").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new LinkedHashMap<>();
                for (String topic : List.of("pharos.ticket.events", "pharos.survey.events")) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                            .forEach(p -> ends.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
                }
                var latest = admin.listOffsets(ends).all().get();
                return latest.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
            });
        }
    }

    @Test
    void everyKpiOfTheReferenceDatasetMatchesWhateverTheOrderAndHoweverOftenEventsArrive() throws Exception {
        ensureLoaded();
        Instant month = Instant.parse("2026-03-01T22:00:00Z");
        Instant monthEnd = Instant.parse("2026-04-30T21:00:00Z");
        ReferenceDataset.Expected all = DATA.expected(month, monthEnd, t -> "all", s -> "all").get("all");
        assertThat(all.slaFirstResponseMet).as("targets met").isPositive().isLessThan(all.slaFirstResponseDecided);
        assertThat(all.slaResolutionMet).as("targets breached too").isPositive().isLessThan(all.slaResolutionDecided);
        check(month, monthEnd, null, t -> "all", s -> "all");
        check(month, monthEnd, "channel", t -> t.channel(), s -> s.channel());
        check(month, monthEnd, "team", t -> ReferenceDataset.orElse(t.team(), "none"), s -> ReferenceDataset.orElse(s.team(), "none"));
        check(month, monthEnd, "agent", t -> ReferenceDataset.orElse(t.agent(), "unassigned"), s -> ReferenceDataset.orElse(s.agent(), "unassigned"));
        // the day the clocks go forward (23 hours), the holiday week, and a week cut mid-stream (backlog, withdrawn full resolutions)
        check(Instant.parse("2026-03-28T22:00:00Z"), Instant.parse("2026-03-29T21:00:00Z"), null, t -> "all", s -> "all");
        check(Instant.parse("2026-03-22T22:00:00Z"), Instant.parse("2026-03-29T21:00:00Z"), "agent",
                t -> ReferenceDataset.orElse(t.agent(), "unassigned"), s -> ReferenceDataset.orElse(s.agent(), "unassigned"));
        check(Instant.parse("2026-03-09T22:00:00Z"), Instant.parse("2026-03-16T22:00:00Z"), "channel", t -> t.channel(), s -> s.channel());
    }

    @Inject
    io.pharos.analytics.repository.RollupRepository rollups;

    /**
     * The day rows, kept up by the events (reopens, withdrawn full resolutions, survey answers moved to their channel), are
     * the hourly rows added up per UTC day and dimension; and every grouping over ranges cut anywhere (whole UTC days, a
     * zone's month, less than a day, a day-long range across midnight) sums and bins exactly what the hourly rows alone gave.
     */
    @Test
    void theDayRowsAddUpTheirHoursAndEveryGroupingReadsWhatTheHoursAloneGave() throws Exception {
        ensureLoaded();
        assertThat(DayRollups.mismatches(pool)).as("day rows that differ from their hours").isEmpty();
        List<Instant[]> ranges = List.of(new Instant[] { Instant.parse("2026-03-01T22:00:00Z"), Instant.parse("2026-04-30T21:00:00Z") },
                new Instant[] { Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z") },
                new Instant[] { Instant.parse("2026-03-10T05:00:00Z"), Instant.parse("2026-03-10T19:00:00Z") },
                new Instant[] { Instant.parse("2026-03-09T13:00:00Z"), Instant.parse("2026-03-10T13:00:00Z") },
                new Instant[] { Instant.parse("2026-03-09T13:00:00Z"), Instant.parse("2026-03-11T02:00:00Z") },
                new Instant[] { Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z") });
        for (Instant[] r : ranges) {
            for (String group : java.util.Arrays.asList(null, "channel", "team", "agent")) {
                Map<String, io.pharos.analytics.repository.RollupRepository.Aggregate> before = DayRollups.hourlyOnly(pool, "acme", r[0], r[1], group);
                List<io.pharos.analytics.repository.RollupRepository.Aggregate> now = rollups.aggregate("acme", r[0], r[1], group)
                        .await().atMost(Duration.ofSeconds(30));
                String where = r[0] + ".." + r[1] + " by " + group;
                assertThat(now).as(where + ": groups and metrics").hasSize(before.size());
                assertThat(before).as(where).isNotEmpty();
                for (var a : now) {
                    var b = before.get(a.group() + "|" + a.metric());
                    assertThat(b).as(where + " " + a.group() + " " + a.metric()).isNotNull();
                    assertThat(a.n()).as(where + " " + a.group() + " " + a.metric() + " n").isEqualTo(b.n());
                    assertThat(a.total()).as(where + " " + a.group() + " " + a.metric() + " total").isCloseTo(b.total(), within(1e-6));
                    assertThat(new java.util.TreeMap<>(a.bins())).as(where + " " + a.group() + " " + a.metric() + " bins").isEqualTo(b.bins());
                }
            }
        }
    }

    void check(Instant from, Instant to, String groupBy, Function<ReferenceDataset.Ticket, String> ticketGroup,
            Function<ReferenceDataset.Survey, String> surveyGroup) throws Exception {
        Map<String, ReferenceDataset.Expected> expected = DATA.expected(from, to, ticketGroup, surveyGroup);
        JsonNode report = kpis(supervisor(), from, to, groupBy);
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        report.path("groups").forEach(g -> actual.put(g.path("group").asText(), g.path("kpis")));
        String range = from + ".." + to + " by " + groupBy;
        for (var entry : expected.entrySet()) {
            String where = range + " / " + entry.getKey() + ": ";
            ReferenceDataset.Expected e = entry.getValue();
            JsonNode k = actual.get(entry.getKey());
            if (k == null) {
                assertThat(e.slaFirstResponseDecided + e.slaResolutionDecided + e.volume + e.backlog + e.frt.size() + e.reply.size() + e.solved + e.csat.size() + e.nps.size() + e.ces.size()
                        + e.fullResolution.size()).as(where + "a group with nothing to report").isZero();
                continue;
            }
            assertThat(k.path("volume").path("value").asLong()).as(where + "volume").isEqualTo(e.volume);
            assertThat(k.path("backlog").path("value").asLong()).as(where + "backlog").isEqualTo(e.backlog);
            durations(where + "firstResponseTime", k.path("firstResponseTime").path("calendar"), e.frt);
            durations(where + "firstResponseTime business", k.path("firstResponseTime").path("business"), e.frtBusiness);
            durations(where + "replyTime", k.path("replyTime").path("calendar"), e.reply);
            durations(where + "replyTime business", k.path("replyTime").path("business"), e.replyBusiness);
            durations(where + "firstResolutionTime", k.path("firstResolutionTime").path("calendar"), e.firstResolution);
            durations(where + "firstResolutionTime business", k.path("firstResolutionTime").path("business"), e.firstResolutionBusiness);
            durations(where + "fullResolutionTime", k.path("fullResolutionTime").path("calendar"), e.fullResolution);
            rate(where + "fcr", k.path("fcr"), e.fcr, e.solved);
            rate(where + "reopenRate", k.path("reopenRate"), e.reopened, e.solved);
            rate(where + "csatSatisfied", k.path("csatSatisfied"), e.csatSatisfied, e.csat.size());
            average(where + "csat", k.path("csat"), e.csat.stream().mapToDouble(Double::doubleValue).toArray());
            double[] nps = e.nps.stream().mapToDouble(s -> s >= 9 ? 100 : s <= 6 ? -100 : 0).toArray();
            average(where + "nps", k.path("nps"), nps);
            average(where + "ces", k.path("ces"), e.ces.stream().mapToDouble(Integer::doubleValue).toArray());
            rate(where + "slaFirstResponseCompliance", k.path("slaFirstResponseCompliance"), e.slaFirstResponseMet, e.slaFirstResponseDecided);
            rate(where + "slaResolutionCompliance", k.path("slaResolutionCompliance"), e.slaResolutionMet, e.slaResolutionDecided);
        }
        assertThat(actual.keySet()).as(range + " groups").isSubsetOf(expected.keySet());
    }

    static void durations(String what, JsonNode stats, List<Long> values) {
        assertThat(stats.path("count").asLong()).as(what + " count").isEqualTo(values.size());
        if (values.isEmpty()) {
            assertThat(stats.path("value").isNull()).as(what + " empty").isTrue();
            return;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double avg = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(stats.path("value").asDouble()).as(what + " average").isCloseTo(avg, within(1e-6 * Math.max(1, avg)));
        long median = sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1);
        long p90 = sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
        assertThat(stats.path("median").asDouble()).as(what + " median").isCloseTo(median, within(0.01 * median + 1e-9));
        assertThat(stats.path("p90").asDouble()).as(what + " p90").isCloseTo(p90, within(0.01 * p90 + 1e-9));
    }

    static void rate(String what, JsonNode stats, long part, long whole) {
        assertThat(stats.path("count").asLong()).as(what + " count").isEqualTo(whole);
        if (whole == 0) {
            assertThat(stats.path("value").isNull()).as(what).isTrue();
        } else {
            assertThat(stats.path("value").asDouble()).as(what).isCloseTo(part * 100.0 / whole, within(1e-9));
        }
    }

    static void average(String what, JsonNode stats, double[] values) {
        assertThat(stats.path("count").asLong()).as(what + " count").isEqualTo(values.length);
        if (values.length > 0) {
            assertThat(stats.path("value").asDouble()).as(what).isCloseTo(java.util.Arrays.stream(values).average().orElseThrow(), within(1e-9));
        }
    }

    /** Every KPI of the report whose data points are flows (counted once, in one hour): all but backlog and retention. */
    static final List<String> FLOWS = List.of("firstResponseTime", "replyTime", "firstResolutionTime", "fullResolutionTime", "fcr",
            "reopenRate", "csat", "csatSatisfied", "nps", "ces", "slaFirstResponseCompliance", "slaResolutionCompliance", "volume");

    @Test
    void theDaysOfASeriesAddUpToTheMonthOverRestCsvAndGraphQL() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-01T22:00:00Z");
        Instant to = Instant.parse("2026-03-31T21:00:00Z");
        JsonNode month = kpis(supervisor(), from, to, null).path("groups").get(0).path("kpis");
        JsonNode series = JSON.readTree(given().auth().oauth2(supervisor()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("granularity", "day").get("/api/v1/kpis/series").then().statusCode(200).extract().asString());
        JsonNode points = series.path("points");
        assertThat(points).hasSize(30);
        assertThat(series.path("from").asText()).isEqualTo(from.toString());
        assertThat(series.path("to").asText()).isEqualTo(to.toString());
        for (String kpi : FLOWS) {
            for (String part : month.path(kpi).has("calendar") ? List.of("calendar", "business") : List.of("")) {
                JsonNode whole = part.isEmpty() ? month.path(kpi) : month.path(kpi).path(part);
                long count = 0;
                double total = 0;
                for (JsonNode p : points) {
                    JsonNode day = part.isEmpty() ? p.path("kpis").path(kpi) : p.path("kpis").path(kpi).path(part);
                    count += day.path("count").asLong();
                    total += kpi.equals("volume") ? day.path("value").asDouble() : day.path("value").asDouble() * day.path("count").asLong();
                }
                String what = kpi + (part.isEmpty() ? "" : " " + part);
                assertThat(whole.path("count").asLong()).as(what + " data points").isPositive();
                assertThat(count).as(what + ": the days' data points are the month's").isEqualTo(whole.path("count").asLong());
                double expected = kpi.equals("volume") ? whole.path("value").asDouble() : whole.path("value").asDouble() * whole.path("count").asLong();
                assertThat(total).as(what + ": the days' sums are the month's").isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
            }
        }
        // full resolution is judged at the end of the month, in the day of the last solve; backlog is each day's level at its end
        for (JsonNode p : points) {
            Instant start = Instant.parse(p.path("start").asText());
            Instant end = Instant.parse(p.path("end").asText());
            ReferenceDataset.Expected e = DATA.expected(start, end, to, t -> "all", s -> "all").get("all");
            durations("series full resolution " + start, p.path("kpis").path("fullResolutionTime").path("calendar"), e.fullResolution);
            assertThat(p.path("kpis").path("backlog").path("value").asLong()).as("backlog at the end of " + start).isEqualTo(e.backlog);
            assertThat(p.path("kpis").path("retention").path("value").asDouble()).as("retention of " + start)
                    .isCloseTo(DATA.retention(start, end), within(1e-9));
        }
        // solved on the 9th, reopened on the 11th, solved on the 13th: once in the month, on the 13th; the 9th alone counts it there
        ReferenceDataset.Ticket twice = DATA.tickets.stream().filter(t -> t.id().equals(ReferenceDataset.SOLVED_REOPENED_SOLVED)).findFirst()
                .orElseThrow();
        long seconds = Duration.between(twice.created(), Instant.parse("2026-03-13T09:00:00Z")).toSeconds();
        Instant ninth = Instant.parse("2026-03-08T22:00:00Z");
        Instant thirteenth = Instant.parse("2026-03-12T22:00:00Z");
        assertThat(DATA.expected(ninth, ninth.plus(Duration.ofDays(1)), to, t -> "all", s -> "all").get("all").fullResolution)
                .doesNotContain(Duration.between(twice.created(), Instant.parse("2026-03-09T10:00:00Z")).toSeconds());
        assertThat(DATA.expected(thirteenth, thirteenth.plus(Duration.ofDays(1)), to, t -> "all", s -> "all").get("all").fullResolution).contains(seconds);
        ReferenceDataset.Expected ninthAlone = DATA.expected(ninth, ninth.plus(Duration.ofDays(1)), t -> "all", s -> "all").get("all");
        assertThat(ninthAlone.fullResolution).contains(Duration.between(twice.created(), Instant.parse("2026-03-09T10:00:00Z")).toSeconds());
        JsonNode ninthReport = kpis(supervisor(), ninth, ninth.plus(Duration.ofDays(1)), null).path("groups").get(0).path("kpis");
        durations("the 9th alone", ninthReport.path("fullResolutionTime").path("calendar"), ninthAlone.fullResolution);
        JsonNode ninthPoint = points.get(7);
        assertThat(ninthPoint.path("start").asText()).isEqualTo(ninth.toString());
        assertThat(ninthPoint.path("kpis").path("fullResolutionTime").path("calendar").path("count").asLong())
                .as("the 9th's point leaves out the solve the reopen withdrew").isLessThan(ninthAlone.fullResolution.size());

        // the CSV series: one row per day, the same figures
        String csv = given().auth().oauth2(supervisor()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("granularity", "day").get("/api/v1/reports/kpis-series.csv").then().statusCode(200).contentType("text/csv")
                .extract().asString();
        List<List<String>> lines = CsvExportTest.rows(csv);
        List<String> header = lines.get(0);
        assertThat(header).startsWith("start", "end").contains("replyTimeBusiness", "fullResolutionTime");
        assertThat(lines).hasSize(31);
        long volume = 0;
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            JsonNode p = points.get(i - 1);
            assertThat(cells.get(0)).isEqualTo(p.path("start").asText());
            volume += Long.parseLong(cells.get(header.indexOf("volume")).replace(".00", ""));
            String full = cells.get(header.indexOf("fullResolutionTime"));
            JsonNode fullPoint = p.path("kpis").path("fullResolutionTime").path("calendar").path("value");
            if (fullPoint.isNull()) {
                assertThat(full).isEmpty();
            } else {
                assertThat(Double.parseDouble(full)).isCloseTo(fullPoint.asDouble(), within(0.005));
            }
        }
        assertThat(volume).isEqualTo(month.path("volume").path("value").asLong());
        // GraphQL: the same points
        JsonNode r = graphql(supervisor(), "query($f: DateTime!, $t: DateTime!) { timeSeries(metric: \"fullResolutionTime\", from: $f, to: $t,"
                + " granularity: DAY) { start count value } reply: timeSeries(metric: \"replyTime\", from: $f, to: $t, granularity: WEEK)"
                + " { count businessValue } }", Map.of("f", from.toString(), "t", to.toString()));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        long graphCount = 0;
        for (int i = 0; i < 30; i++) {
            JsonNode g = r.path("data").path("timeSeries").get(i);
            assertThat(g.path("count").asLong()).isEqualTo(points.get(i).path("kpis").path("fullResolutionTime").path("calendar").path("count").asLong());
            graphCount += g.path("count").asLong();
        }
        assertThat(graphCount).isEqualTo(month.path("fullResolutionTime").path("calendar").path("count").asLong());
        r.path("data").path("reply").forEach(w -> {
            if (w.path("count").asLong() > 0) {
                assertThat(w.path("businessValue").isNull()).as("reply time in business hours").isFalse();
            }
        });
        given().auth().oauth2(supervisor()).queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("granularity", "fortnight")
                .get("/api/v1/kpis/series").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.user("anna")).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("granularity", "day").get("/api/v1/kpis/series").then().statusCode(403);
    }

    @Test
    void retentionCountsCustomersFromTheirLifecycleEventsOverTheTenantsDays() throws Exception {
        ensureLoaded();
        // March, a week that ends on a churn edge, and the day the clocks go forward
        for (Instant[] range : List.of(new Instant[] { Instant.parse("2026-03-01T22:00:00Z"), Instant.parse("2026-03-31T21:00:00Z") },
                new Instant[] { Instant.parse("2026-03-22T22:00:00Z"), Instant.parse("2026-03-29T21:00:00Z") },
                new Instant[] { Instant.parse("2026-03-28T22:00:00Z"), Instant.parse("2026-03-29T21:00:00Z") },
                new Instant[] { Instant.parse("2025-10-31T22:00:00Z"), Instant.parse("2026-04-30T21:00:00Z") })) {
            Double expected = DATA.retention(range[0], range[1]);
            JsonNode all = kpis(supervisor(), range[0], range[1], null).path("groups").get(0).path("kpis").path("retention");
            assertThat(expected).as("the dataset has customers at the start of " + range[0]).isNotNull();
            assertThat(all.path("value").asDouble()).as("retention " + range[0] + ".." + range[1]).isCloseTo(expected, within(1e-9));
        }
        // retention belongs to the tenant, not to a channel: grouped reports leave it out
        JsonNode byChannel = kpis(supervisor(), Instant.parse("2026-03-01T22:00:00Z"), Instant.parse("2026-03-31T21:00:00Z"), "channel");
        byChannel.path("groups").forEach(g -> assertThat(g.path("kpis").has("retention")).isFalse());
        JsonNode scorecard = entry(Instant.parse("2026-03-01T22:00:00Z"), Instant.parse("2026-03-31T21:00:00Z"), "retention");
        assertThat(scorecard.path("value").asDouble()).isCloseTo(DATA.retention(Instant.parse("2026-03-01T22:00:00Z"),
                Instant.parse("2026-03-31T21:00:00Z")), within(1e-9));
        assertThat(scorecard.path("target").asDouble()).isEqualTo(90.0);
    }

    @Test
    void theScorecardJudgesEachKpiAgainstTheTenantsTargetsAndThePeriodBefore() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-15T22:00:00Z");
        Instant to = Instant.parse("2026-03-29T21:00:00Z");
        Instant before = from.minus(Duration.between(from, to));
        ReferenceDataset.Expected now = DATA.expected(from, to, t -> "all", s -> "all").get("all");
        ReferenceDataset.Expected prior = DATA.expected(before, from, t -> "all", s -> "all").get("all");
        double fcrNow = now.fcr * 100.0 / now.solved;
        double fcrBefore = prior.fcr * 100.0 / prior.solved;
        // a target just above the value is "at risk", far above "missed", below "met"
        String admin = KeycloakTokens.user("alex");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("target", fcrNow * 1.05)).put("/api/v1/targets/fcr")
                .then().statusCode(200);
        JsonNode fcr = entry(from, to, "fcr");
        assertThat(fcr.path("value").asDouble()).isCloseTo(fcrNow, within(1e-9));
        assertThat(fcr.path("target").asDouble()).isCloseTo(fcrNow * 1.05, within(1e-9));
        assertThat(fcr.path("status").asText()).isEqualTo("at_risk");
        assertThat(fcr.path("previousValue").asDouble()).isCloseTo(fcrBefore, within(1e-9));
        assertThat(fcr.path("trend").asText()).isEqualTo(fcrNow > fcrBefore ? "up" : fcrNow < fcrBefore ? "down" : "flat");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("target", fcrNow * 2)).put("/api/v1/targets/fcr").then().statusCode(200);
        assertThat(entry(from, to, "fcr").path("status").asText()).isEqualTo("missed");
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("target", fcrNow - 1)).put("/api/v1/targets/fcr").then().statusCode(200);
        assertThat(entry(from, to, "fcr").path("status").asText()).isEqualTo("met");
        // first response: lower is better, the default target is one hour
        double frt = now.frt.stream().mapToLong(Long::longValue).average().orElseThrow();
        JsonNode frtEntry = entry(from, to, "firstResponseTime");
        assertThat(frtEntry.path("target").asDouble()).isEqualTo(3600.0);
        assertThat(frtEntry.path("status").asText()).isEqualTo(frt <= 3600 ? "met" : frt <= 3960 ? "at_risk" : "missed");
        // only admins set targets; a supervisor may read the scorecard
        given().auth().oauth2(supervisor()).contentType("application/json").body(Map.of("target", 50)).put("/api/v1/targets/fcr").then().statusCode(403);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("target", 50)).put("/api/v1/targets/speed").then().statusCode(404);
        given().auth().oauth2(admin).contentType("application/json").body("{}").put("/api/v1/targets/fcr").then().statusCode(400);
    }

    JsonNode entry(Instant from, Instant to, String kpi) throws Exception {
        JsonNode card = JSON.readTree(given().auth().oauth2(supervisor()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/scorecard").then().statusCode(200).extract().asString());
        for (JsonNode e : card.path("entries")) {
            if (kpi.equals(e.path("kpi").asText())) {
                return e;
            }
        }
        throw new AssertionError("no scorecard entry " + kpi);
    }

    @Test
    void theCsvReportHasOneRowPerGroupWithTheSameFigures() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-01T22:00:00Z");
        Instant to = Instant.parse("2026-04-30T21:00:00Z");
        String csv = given().auth().oauth2(supervisor()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .queryParam("groupBy", "channel").get("/api/v1/reports/kpis.csv").then().statusCode(200).contentType("text/csv")
                .extract().asString();
        List<List<String>> lines = CsvExportTest.rows(csv);
        List<String> header = lines.get(0);
        assertThat(header).startsWith("group", "firstResponseTime", "firstResponseTimeBusiness");
        assertThat(header).contains("fcr", "csat", "nps", "ces", "volume", "backlog");
        Map<String, ReferenceDataset.Expected> expected = DATA.expected(from, to, t -> t.channel(), s -> s.channel());
        assertThat(lines).hasSize(1 + expected.size());
        for (List<String> cells : lines.subList(1, lines.size())) {
            ReferenceDataset.Expected e = expected.get(cells.get(0));
            assertThat(Long.parseLong(cells.get(header.indexOf("volume")).replace(".00", ""))).as(cells.get(0)).isEqualTo(e.volume);
            if (e.solved > 0) {
                assertThat(Double.parseDouble(cells.get(header.indexOf("fcr")))).as(cells.get(0)).isCloseTo(e.fcr * 100.0 / e.solved, within(0.005));
            }
        }
    }

    @Test
    void agentsSeeTheirOwnFiguresAndTeamTotalsAndNothingOfAnotherTenant() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-01T22:00:00Z");
        Instant to = Instant.parse("2026-04-30T21:00:00Z");
        String anna = KeycloakTokens.user("anna");
        // the dataset's agents are not anna: grouped by agent she sees no one else's row
        assertThat(kpis(anna, from, to, "agent").path("groups")).isEmpty();
        assertThat(kpis(anna, from, to, "team").path("groups")).isNotEmpty();
        given().auth().oauth2(anna).queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("groupBy", "channel")
                .get("/api/v1/kpis").then().statusCode(403);
        given().auth().oauth2(anna).queryParam("from", from.toString()).queryParam("to", to.toString()).get("/api/v1/reports/kpis.csv")
                .then().statusCode(403);
        // globex's agent sees only globex's six tickets
        JsonNode globex = kpis(KeycloakTokens.user("gina"), from, to, "team");
        long volume = 0;
        for (JsonNode g : globex.path("groups")) {
            volume += g.path("kpis").path("volume").path("value").asLong();
        }
        assertThat(volume).isEqualTo(DATA.tickets.stream().filter(t -> "globex".equals(t.tenant())).count());
        given().queryParam("from", from.toString()).queryParam("to", to.toString()).get("/api/v1/kpis").then().statusCode(401);
    }

    static JsonNode graphql(String token, String query, Map<String, Object> variables) throws Exception {
        return JSON.readTree(given().auth().oauth2(token).contentType("application/json").body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().asString());
    }

    @Test
    void theGraphQLApiGivesTheSameFiguresPerGroupPerDayAndPerWeekAndTheScorecardInOneRequest() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-01T22:00:00Z");
        Instant to = Instant.parse("2026-03-31T21:00:00Z");
        // several top-level fields at once: each resolver reads on its own connection
        JsonNode r = graphql(supervisor(), """
                query($from: DateTime!, $to: DateTime!) {
                  kpis(from: $from, to: $to, groupBy: CHANNEL) { groupBy groups { group volume { value } fcr { value count }
                    firstResponseTime { calendar { value median count } business { value } } slaResolutionCompliance { value count } } }
                  scorecard(from: $from, to: $to) { kpi value target status trend }
                  liveCounters { open }
                  days: timeSeries(metric: "volume", from: $from, to: $to, granularity: DAY) { start end value }
                  weeks: timeSeries(metric: "firstResponseTime", from: $from, to: $to, granularity: WEEK) { start end value count businessValue }
                }""", Map.of("from", from.toString(), "to", to.toString()));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode data = r.path("data");
        Map<String, ReferenceDataset.Expected> byChannel = DATA.expected(from, to, t -> t.channel(), s -> s.channel());
        assertThat(data.path("kpis").path("groupBy").asText()).isEqualTo("CHANNEL");
        for (JsonNode g : data.path("kpis").path("groups")) {
            ReferenceDataset.Expected e = byChannel.get(g.path("group").asText());
            String where = "GraphQL " + g.path("group").asText();
            assertThat(g.path("volume").path("value").asLong()).as(where).isEqualTo(e.volume);
            rate(where + " fcr", g.path("fcr"), e.fcr, e.solved);
            rate(where + " sla", g.path("slaResolutionCompliance"), e.slaResolutionMet, e.slaResolutionDecided);
            assertThat(g.path("firstResponseTime").path("calendar").path("count").asLong()).as(where).isEqualTo(e.frt.size());
        }
        JsonNode rest = JSON.readTree(given().auth().oauth2(supervisor()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/scorecard").then().statusCode(200).extract().asString());
        assertThat(data.path("scorecard")).hasSize(rest.path("entries").size());
        for (int i = 0; i < rest.path("entries").size(); i++) {
            JsonNode a = data.path("scorecard").get(i);
            JsonNode b = rest.path("entries").get(i);
            assertThat(a.path("kpi").asText()).isEqualTo(b.path("kpi").asText());
            // the same figures; sums of doubles may differ in the last bit with the order PostgreSQL adds them in
            assertThat(a.path("value").asDouble()).as(a.path("kpi").asText())
                    .isCloseTo(b.path("value").asDouble(), within(1e-9 * Math.max(1, Math.abs(b.path("value").asDouble()))));
            assertThat(a.path("status").asText()).isEqualToIgnoringCase(b.path("status").asText());
        }
        // one point per Athens day (29 March has 23 hours), each the volume of that day
        JsonNode days = data.path("days");
        assertThat(days).hasSize(30);
        for (JsonNode d : days) {
            Instant start = Instant.parse(d.path("start").asText());
            Instant end = Instant.parse(d.path("end").asText());
            assertThat(start.atZone(ReferenceDataset.ATHENS).toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
            assertThat(end).isEqualTo(start.atZone(ReferenceDataset.ATHENS).plusDays(1).toInstant());
            assertThat(d.path("value").asLong()).as("volume of " + start).isEqualTo(DATA.expected(start, end, t -> "all", s -> "all").get("all").volume);
        }
        assertThat(Duration.between(Instant.parse(days.get(27).path("start").asText()), Instant.parse(days.get(27).path("end").asText())))
                .isEqualTo(Duration.ofHours(23));
        // weeks start on Monday; the last one runs past the range and holds its whole week
        for (JsonNode w : data.path("weeks")) {
            Instant start = Instant.parse(w.path("start").asText());
            Instant end = Instant.parse(w.path("end").asText());
            assertThat(start.atZone(ReferenceDataset.ATHENS).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            List<Long> frt = DATA.expected(start, end, t -> "all", s -> "all").get("all").frt;
            assertThat(w.path("count").asLong()).isEqualTo(frt.size());
            if (!frt.isEmpty()) {
                assertThat(w.path("value").asDouble()).isCloseTo(frt.stream().mapToLong(Long::longValue).average().orElseThrow(), within(1e-6));
            }
        }
        JsonNode unknown = graphql(supervisor(), "{ timeSeries(metric: \"speed\", from: \"2026-03-01T22:00:00Z\", to: \"2026-03-31T21:00:00Z\","
                + " granularity: DAY) { value } }", Map.of());
        assertThat(unknown.path("errors").get(0).path("extensions").path("kind").asText()).isEqualTo("validation");
        JsonNode tooMany = graphql(supervisor(), "{ timeSeries(metric: \"volume\", from: \"2025-01-01T00:00:00Z\", to: \"2026-03-31T21:00:00Z\","
                + " granularity: HOUR) { value } }", Map.of());
        assertThat(tooMany.path("errors").get(0).path("extensions").path("kind").asText()).isEqualTo("validation");
    }

    @Test
    void volumeByHourOfDayAndWeekdayIsCountedInTheTenantsZone() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-01T22:00:00Z");
        Instant to = Instant.parse("2026-03-31T21:00:00Z");
        JsonNode r = graphql(supervisor(), "query($f: DateTime!, $t: DateTime!) { volumeProfile(from: $f, to: $t) { timeZone"
                + " byHourOfDay { hour tickets } byWeekday { weekday tickets } } }", Map.of("f", from.toString(), "t", to.toString()));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        JsonNode profile = r.path("data").path("volumeProfile");
        assertThat(profile.path("timeZone").asText()).isEqualTo("Europe/Athens");
        long[] hours = new long[24];
        Map<String, Long> days = new LinkedHashMap<>();
        for (ReferenceDataset.Ticket t : DATA.tickets) {
            if ("acme".equals(t.tenant()) && ReferenceDataset.within(t.created(), from, to)) {
                var local = t.created().atZone(ReferenceDataset.ATHENS);
                hours[local.getHour()]++;
                days.merge(local.getDayOfWeek().name(), 1L, Long::sum);
            }
        }
        for (JsonNode h : profile.path("byHourOfDay")) {
            assertThat(h.path("tickets").asLong()).as("hour " + h.path("hour").asInt()).isEqualTo(hours[h.path("hour").asInt()]);
        }
        assertThat(profile.path("byHourOfDay")).hasSize(24);
        for (JsonNode d : profile.path("byWeekday")) {
            assertThat(d.path("tickets").asLong()).as(d.path("weekday").asText()).isEqualTo(days.getOrDefault(d.path("weekday").asText(), 0L));
        }
        given().auth().oauth2(KeycloakTokens.user("anna")).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/volume-profile").then().statusCode(403);
    }

    static final String ENTITIES = """
            query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) {
              ... on Agent { id performance(from: $from, to: $to) { ticketsSolved fcr { value } firstResponseTime { calendar { value count } } } }
              ... on Customer { id supportHistorySummary { tickets openTickets reopenedTickets channels firstContactAt averageFirstResponseSeconds } }
            } }""";

    @Test
    void agentsGetTheirPerformanceAndCustomersTheirSupportHistoryThroughTheFederationEntities() throws Exception {
        ensureLoaded();
        Instant from = Instant.parse("2026-03-01T22:00:00Z");
        Instant to = Instant.parse("2026-04-30T21:00:00Z");
        Map<String, ReferenceDataset.Expected> byAgent = DATA.expected(from, to, t -> ReferenceDataset.orElse(t.agent(), "unassigned"),
                s -> ReferenceDataset.orElse(s.agent(), "unassigned"));
        List<Map<String, Object>> agents = List.of(Map.of("__typename", "Agent", "id", "agent-anna"), Map.of("__typename", "Agent", "id", "agent-nikos"));
        JsonNode r = graphql(supervisor(), ENTITIES, Map.of("r", agents, "from", from.toString(), "to", to.toString()));
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        for (JsonNode a : r.path("data").path("_entities")) {
            ReferenceDataset.Expected e = byAgent.get(a.path("id").asText());
            JsonNode p = a.path("performance");
            assertThat(p.path("ticketsSolved").asLong()).as(a.path("id").asText()).isEqualTo(e.solved);
            assertThat(p.path("fcr").path("value").asDouble()).as(a.path("id").asText() + " fcr").isCloseTo(e.fcr * 100.0 / e.solved, within(1e-9));
            assertThat(p.path("firstResponseTime").path("calendar").path("count").asLong()).isEqualTo(e.frt.size());
        }
        // an agent sees only their own performance
        JsonNode anna = graphql(KeycloakTokens.user("anna"), ENTITIES, Map.of("r", agents, "from", from.toString(), "to", to.toString()));
        anna.path("data").path("_entities").forEach(a -> assertThat(a.path("performance").isNull()).as(a.toString()).isTrue());

        // each dataset ticket has its own requester
        List<ReferenceDataset.Ticket> sample = DATA.tickets.stream().filter(t -> "acme".equals(t.tenant())).limit(5).toList();
        List<Map<String, Object>> customers = sample.stream().map(t -> Map.<String, Object> of("__typename", "Customer", "id", requester(t))).toList();
        JsonNode c = graphql(supervisor(), ENTITIES, Map.of("r", customers, "from", from.toString(), "to", to.toString()));
        assertThat(c.path("errors").isMissingNode()).as(c.toString()).isTrue();
        for (int i = 0; i < sample.size(); i++) {
            ReferenceDataset.Ticket t = sample.get(i);
            JsonNode h = c.path("data").path("_entities").get(i).path("supportHistorySummary");
            assertThat(h.path("tickets").asInt()).isEqualTo(1);
            assertThat(h.path("channels").get(0).asText()).isEqualTo(t.channel());
            assertThat(Instant.parse(h.path("firstContactAt").asText())).isEqualTo(t.created());
            assertThat(h.path("reopenedTickets").asInt()).isEqualTo(t.reopened() ? 1 : 0);
            String last = t.statuses().get(t.statuses().size() - 1).status();
            assertThat(h.path("openTickets").asInt()).as(t.toString()).isEqualTo(ReferenceDataset.DONE.contains(last) ? 0 : 1);
        }
        // another tenant's token finds nothing of acme's customers
        JsonNode globex = graphql(KeycloakTokens.user("gina"), ENTITIES, Map.of("r", customers, "from", from.toString(), "to", to.toString()));
        globex.path("data").path("_entities").forEach(h -> assertThat(h.path("supportHistorySummary").path("tickets").asInt()).isZero());
    }

    @Test
    void theWeeklyDigestMailsTheScorecardToEachSupervisorOnceThroughChannelGateway() throws Exception {
        ensureLoaded();
        // Monday 30 March, 08:00 in Athens: the week 23-29 March ended at the last local midnight
        Instant monday = Instant.parse("2026-03-30T05:00:00Z");
        Instant from = Instant.parse("2026-03-22T22:00:00Z");
        Instant to = Instant.parse("2026-03-29T21:00:00Z");
        ReferenceDataset.Expected week = DATA.expected(from, to, t -> "all", s -> "all").get("all");
        try (KafkaEvents outbound = new KafkaEvents("pharos.channel.outbound")) {
            var sent = digests.sendAll(monday).await().atMost(Duration.ofSeconds(30));
            assertThat(sent).extracting(io.pharos.analytics.service.DigestService.Sent::tenant).contains("acme");
            var acme = sent.stream().filter(d -> d.tenant().equals("acme")).findFirst().orElseThrow();
            assertThat(acme.from()).isEqualTo(from);
            assertThat(acme.to()).isEqualTo(to);
            assertThat(acme.recipients()).isEqualTo(1); // sofia is acme's supervisor
            List<KafkaEvents.Event> mails = outbound.await(e -> "pharos.channel.message.requested".equals(e.type())
                    && e.cloudEvent().path("data").path("subject").asText().startsWith("Pharos scorecard"), 1, Duration.ofSeconds(15));
            JsonNode mail = mails.get(0).cloudEvent().path("data");
            assertThat(mails.get(0).cloudEvent().path("tenant").asText()).isEqualTo("acme");
            assertThat(mail.path("channel").asText()).isEqualTo("email");
            assertThat(mail.path("recipient").path("email").asText()).isEqualTo("sofia@acme.test");
            assertThat(mail.path("subject").asText()).isEqualTo("Pharos scorecard 2026-03-23 – 2026-03-29");
            String fcr = String.format(java.util.Locale.ROOT, "%.1f %%", week.fcr * 100.0 / week.solved);
            assertThat(mail.path("text").asText()).contains("fcr").contains(fcr).contains("firstResponseTime");
            assertThat(mail.path("html").asText()).contains("<table").contains(fcr);
            // a second run (another replica, a restart) sends nothing more
            var again = digests.sendAll(monday).await().atMost(Duration.ofSeconds(30));
            assertThat(again.stream().filter(d -> d.tenant().equals("acme")).findFirst().orElseThrow().recipients()).isZero();
            String first = mails.get(0).cloudEvent().path("id").asText();
            assertThat(outbound.during(Duration.ofSeconds(2), e -> e.cloudEvent().path("data").path("subject").asText().startsWith("Pharos scorecard")
                    && !first.equals(e.cloudEvent().path("id").asText()))).isEmpty();
        }
    }

    static String requester(ReferenceDataset.Ticket t) {
        return UUID.nameUUIDFromBytes(t.id().toString().getBytes()).toString();
    }

    @Test
    void badRangesAreRefusedWithAProblem() {
        String token = supervisor();
        for (Map<String, String> q : List.of(Map.of("from", "2026-03-02T00:00:00Z"), Map.of("from", "yesterday", "to", "2026-03-02T00:00:00Z"),
                Map.of("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z"),
                Map.of("from", "2026-03-02T00:30:00Z", "to", "2026-03-03T00:00:00Z"),
                Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-04-01T00:00:00Z", "groupBy", "planet"))) {
            given().auth().oauth2(token).queryParams(q).get("/api/v1/kpis").then().statusCode(400).contentType("application/problem+json");
        }
    }
}
