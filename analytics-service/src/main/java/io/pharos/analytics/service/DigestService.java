package io.pharos.analytics.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.pharos.analytics.api.Scorecard;
import io.pharos.analytics.client.SupervisorDirectory;
import io.pharos.analytics.client.SupervisorDirectory.Supervisor;
import io.pharos.analytics.config.AnalyticsConfig;
import io.pharos.analytics.model.Kpi;
import io.pharos.commons.messaging.Topics;
import io.pharos.commons.outbox.OutboxWriter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The scheduled scorecard digest: per tenant, the period that ended at its last local midnight,
 * by email to its supervisors through channel-gateway ({@code pharos.channel.outbound}, via the
 * outbox). One digest per tenant and period, whichever replica runs first; the request ids are
 * derived from tenant, period and supervisor, so channel-gateway delivers each at most once too.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);

    /** One tenant's digest: its period and how many supervisors it went to (0: sent before, or nobody to send to). */
    public record Sent(String tenant, Instant from, Instant to, int recipients) {
    }

    private final KpiService kpis;
    private final SupervisorDirectory directory;
    private final OutboxWriter outbox;
    private final Pool pool;
    private final AnalyticsConfig config;

    public DigestService(KpiService kpis, SupervisorDirectory directory, OutboxWriter outbox, Pool pool, AnalyticsConfig config) {
        this.kpis = kpis;
        this.directory = directory;
        this.outbox = outbox;
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(cron = "${pharos.analytics.digest.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sendAll(Instant.now()).invoke(sent -> LOG.infof("scorecard digests: %s", sent)).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("scorecard digest run failed (%s); the next run sends what is due", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Sends every tenant's digest for the period that ended at its last local midnight before {@code now}. */
    public Uni<List<Sent>> sendAll(Instant now) {
        return Uni.createFrom().item(directory::supervisors).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).flatMap(all -> {
            Map<String, List<Supervisor>> byTenant = new TreeMap<>();
            all.forEach(s -> byTenant.computeIfAbsent(s.tenant(), t -> new ArrayList<>()).add(s));
            List<Sent> sent = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var e : byTenant.entrySet()) {
                chain = chain.flatMap(v -> send(e.getKey(), e.getValue(), now).invoke(sent::add).replaceWithVoid());
            }
            return chain.replaceWith(sent);
        });
    }

    Uni<Sent> send(String tenant, List<Supervisor> supervisors, Instant now) {
        return kpis.zone(tenant).flatMap(zone -> {
            LocalDate lastDay = now.atZone(zone).toLocalDate();
            Instant to = hour(lastDay.atStartOfDay(zone).toInstant());
            Instant from = hour(lastDay.minusDays(Math.max(1, config.digest().period().toDays())).atStartOfDay(zone).toInstant());
            return kpis.scorecard(tenant, from, to).flatMap(card -> pool.withTransaction(c -> c.preparedQuery(
                    "INSERT INTO digest_sent (tenant, period_start, period_end, recipients, sent_at) VALUES ($1, $2, $3, $4, $5)"
                            + " ON CONFLICT (tenant, period_start) DO NOTHING")
                    .execute(Tuple.of(tenant, utc(from), utc(to), supervisors.size(), utc(Instant.now()))).flatMap(rows -> {
                        if (rows.rowCount() == 0) {
                            return Uni.createFrom().item(new Sent(tenant, from, to, 0));
                        }
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Supervisor s : supervisors) {
                            Map<String, Object> request = request(tenant, s, card, zone);
                            chain = chain.flatMap(v -> outbox.append(c, tenant, Topics.CHANNEL_OUTBOUND, "pharos.channel.message.requested",
                                    (String) request.get("requestId"), request).replaceWithVoid());
                        }
                        return chain.replaceWith(new Sent(tenant, from, to, supervisors.size()));
                    })));
        });
    }

    /** A delivery request channel-gateway understands: an email to the supervisor, text and HTML. */
    static Map<String, Object> request(String tenant, Supervisor to, Scorecard card, ZoneId zone) {
        String requestId = UUID.nameUUIDFromBytes(("digest|" + tenant + "|" + card.from() + "|" + to.id()).getBytes(StandardCharsets.UTF_8))
                .toString();
        LocalDate first = card.from().atZone(zone).toLocalDate();
        LocalDate last = card.to().minusSeconds(1).atZone(zone).toLocalDate();
        String subject = "Pharos scorecard " + first + " – " + last;
        StringBuilder text = new StringBuilder("Hello " + to.name() + ",\n\nyour team's scorecard for " + first + " – " + last + ":\n\n");
        StringBuilder html = new StringBuilder("<p>Hello " + escape(to.name()) + ",</p><p>your team's scorecard for " + first + " – " + last
                + ":</p><table style=\"border-collapse:collapse\"><tr><th align=\"left\">KPI</th><th align=\"right\">Value</th>"
                + "<th align=\"right\">Target</th><th align=\"left\">Status</th><th align=\"left\">Trend</th></tr>");
        for (Scorecard.Entry e : card.entries()) {
            Kpi kpi = Kpi.byKey(e.kpi());
            String value = format(kpi, e.value());
            String target = (e.higherIsBetter() ? "≥ " : "≤ ") + format(kpi, e.target());
            String status = e.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            String trend = switch (e.trend()) {
                case UP -> "up from " + format(kpi, e.previousValue());
                case DOWN -> "down from " + format(kpi, e.previousValue());
                case FLAT -> "unchanged";
                case NONE -> "";
            };
            text.append(String.format(Locale.ROOT, "%-28s %12s  (target %s)  %s  %s%n", e.kpi(), value, target, status, trend));
            html.append("<tr><td>").append(e.kpi()).append("</td><td align=\"right\">").append(escape(value)).append("</td><td align=\"right\">")
                    .append(escape(target)).append("</td><td>").append(status).append("</td><td>").append(escape(trend)).append("</td></tr>");
        }
        html.append("</table>");
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("email", to.email());
        recipient.put("name", to.name());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId);
        request.put("ticketId", null);
        request.put("ticketNumber", null);
        request.put("messageId", requestId);
        request.put("channel", "email");
        request.put("recipient", recipient);
        request.put("subject", subject);
        request.put("text", text.toString().strip());
        request.put("html", html.toString());
        request.put("references", List.of());
        request.put("language", to.language() == null ? "en" : to.language());
        return request;
    }

    /** A KPI value as a supervisor reads it: durations in hours and minutes, rates in percent. */
    static String format(Kpi kpi, Double v) {
        if (v == null) {
            return "no data";
        }
        return switch (kpi.unit()) {
            case SECONDS -> {
                long s = Math.round(v);
                yield s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                        : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
            }
            case PERCENT -> String.format(Locale.ROOT, "%.1f %%", v);
            case SCORE -> String.format(Locale.ROOT, "%.1f", v);
            case COUNT -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Instant hour(Instant i) {
        return i.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
