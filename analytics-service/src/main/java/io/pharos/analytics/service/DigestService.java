package io.pharos.analytics.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import io.pharos.analytics.repository.DigestRepository;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.channel.MessageRequested;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

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
    private final DigestRepository digests;
    private final Pool pool;
    private final AnalyticsConfig config;

    public DigestService(KpiService kpis, SupervisorDirectory directory, OutboxWriter outbox, DigestRepository digests, Pool pool,
            AnalyticsConfig config) {
        this.kpis = kpis;
        this.directory = directory;
        this.outbox = outbox;
        this.digests = digests;
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
            return kpis.scorecard(tenant, from, to).flatMap(card -> pool.withTransaction(c -> digests.claim(c, tenant, from, to, supervisors.size())
                    .flatMap(claimed -> {
                        if (!claimed) {
                            return Uni.createFrom().item(new Sent(tenant, from, to, 0));
                        }
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Supervisor s : supervisors) {
                            MessageRequested request = request(tenant, s, card, zone);
                            chain = chain.flatMap(v -> outbox.append(c, tenant, ChannelEvents.MESSAGE_REQUESTED, request.requestId().toString(), request)
                                    .replaceWithVoid());
                        }
                        return chain.replaceWith(new Sent(tenant, from, to, supervisors.size()));
                    })));
        });
    }

    /** A delivery request channel-gateway understands: an email to the supervisor, text and HTML. */
    static MessageRequested request(String tenant, Supervisor to, Scorecard card, ZoneId zone) {
        UUID requestId = UUID.nameUUIDFromBytes(("digest|" + tenant + "|" + card.from() + "|" + to.id()).getBytes(StandardCharsets.UTF_8));
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
        MessageRequested.Recipient recipient = new MessageRequested.Recipient(null, to.email(), null, null, null, null, null, null, to.name());
        // the digest is its own message: its id is the request's
        return new MessageRequested(requestId, null, null, requestId, Channel.EMAIL, recipient, subject, text.toString().strip(), html.toString(),
                null, List.of(), to.language() == null ? "en" : to.language(), null);
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
}
