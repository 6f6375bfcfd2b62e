package io.pharos.channel.service.fetch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.pharos.attachments.AttachmentLimits;
import io.pharos.attachments.AttachmentStore;
import io.pharos.attachments.VirusScanner;
import io.pharos.channel.domain.AttachmentFetch;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.repository.AttachmentFetchRepository;
import io.pharos.channel.service.channels.Channels;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.Channel;
import io.pharos.contracts.channel.Attachment.AttachmentStatus;
import io.pharos.contracts.channel.AttachmentReport;
import io.pharos.contracts.channel.ChannelEvents;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Fetches queued provider media into the attachment store and reports each outcome through the
 * outbox ({@code pharos.channel.attachment.stored} / {@code .failed}, keyed like the message, in
 * the transaction that removes the job). Jobs are claimed a few at a time with
 * {@code FOR UPDATE SKIP LOCKED} and leased, so replicas share them and a replica that dies
 * mid-fetch leaves them to another. A failure that may pass (a 5xx, a timeout, a provider out of
 * reach) is retried with exponential backoff, {@code max-attempts} times in all (by default 8
 * over about an hour, the life of the shortest provider links); a refusal (404, 410, 403), a
 * file over the limits or a link to a forbidden address fails at once. Fresh jobs are claimed
 * before retried ones and every fetch is bounded in time, so one tenant's failing provider does
 * not hold up the others.
 */
@ApplicationScoped
public class AttachmentFetcher {

    private static final Logger LOG = Logger.getLogger(AttachmentFetcher.class);
    /** Passes in a row while jobs keep coming (then the next poll). */
    private static final int MAX_PASSES = 20;

    private final AttachmentFetchRepository jobs;
    private final Channels channels;
    private final ProviderMedia media;
    private final AttachmentStore store;
    private final VirusScanner scanner;
    private final AttachmentLimits limits;
    private final OutboxWriter outbox;
    private final Pool pool;
    private final int batch;
    private final int parallel;
    private final int maxAttempts;
    private final Duration firstRetry;
    private final Duration lease;
    private final boolean enabled;

    public AttachmentFetcher(AttachmentFetchRepository jobs, Channels channels, ProviderMedia media, AttachmentStore store, VirusScanner scanner,
            AttachmentLimits limits, OutboxWriter outbox, Pool pool,
            @ConfigProperty(name = "pharos.attachments.fetch.batch", defaultValue = "8") int batch,
            @ConfigProperty(name = "pharos.attachments.fetch.parallel", defaultValue = "4") int parallel,
            @ConfigProperty(name = "pharos.attachments.fetch.max-attempts", defaultValue = "8") int maxAttempts,
            @ConfigProperty(name = "pharos.attachments.fetch.first-retry", defaultValue = "30s") Duration firstRetry,
            @ConfigProperty(name = "pharos.attachments.fetch.timeout", defaultValue = "60s") Duration timeout,
            @ConfigProperty(name = "pharos.attachments.fetch.enabled", defaultValue = "true") boolean enabled) {
        this.jobs = jobs;
        this.channels = channels;
        this.media = media;
        this.store = store;
        this.scanner = scanner;
        this.limits = limits;
        this.outbox = outbox;
        this.pool = pool;
        this.batch = Math.max(1, batch);
        this.parallel = Math.max(1, parallel);
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstRetry = firstRetry;
        // a claimed job is someone's until the fetch, the store and the scan are surely over
        this.lease = timeout.multipliedBy(3).plusSeconds(60);
        this.enabled = enabled;
    }

    @Scheduled(every = "${pharos.attachments.fetch.poll-interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() throws Throwable {
        if (!enabled) {
            return;
        }
        for (int i = 0; i < MAX_PASSES; i++) {
            if (!VertxContextSupport.subscribeAndAwait(this::pass)) {
                return;
            }
        }
    }

    /** Claims and works one batch; answers whether it was full (more may be due). */
    Uni<Boolean> pass() {
        return jobs.claim(batch, lease).flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().item(false)
                : accounts(claimed).flatMap(accounts -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUni(job -> work(job, accounts.get(job.channelId()))).merge(parallel).collect().asList())
                        .map(done -> claimed.size() == batch));
    }

    /** The channels of the claimed jobs, read one after the other: parallel fetches must not share the Hibernate session. */
    private Uni<Map<String, ChannelAccount>> accounts(List<AttachmentFetch.Claimed> claimed) {
        Map<String, ChannelAccount> accounts = new HashMap<>();
        return Multi.createFrom().iterable(claimed.stream().map(AttachmentFetch.Claimed::channelId).distinct().toList())
                .onItem().transformToUniAndConcatenate(id -> channels.get(id).invoke(c -> {
                    if (c != null) {
                        accounts.put(id, c);
                    }
                })).collect().last().replaceWith(accounts);
    }

    private Uni<Void> work(AttachmentFetch.Claimed job, ChannelAccount channel) {
        long maxBytes = limits.maxFileBytes(job.tenant());
        return (channel == null
                ? Uni.createFrom().<byte[]> failure(FetchFailure.permanent("The channel the file came through no longer exists.", job.channelId()))
                : media.fetch(channel, job.reference(), maxBytes))
                .flatMap(bytes -> store.put(job.tenant(), bytes, job.fileName() == null ? "attachment" : job.fileName())
                        .flatMap(stored -> scanner.scan(bytes).map(scan -> new AttachmentReport(job.attachmentId(), job.channelId(),
                                Channel.of(job.provider()), job.providerMessageId(), AttachmentStatus.STORED, stored.sha256(), stored.size(),
                                stored.contentType(), null, scan))))
                .flatMap(report -> publish(job, report))
                .onFailure().recoverWithUni(e -> failed(job, e))
                .onFailure().recoverWithUni(e -> {
                    // the database itself failed: the lease runs out and the job is claimed again
                    LOG.warnf("attachment %s: %s", job.attachmentId(), e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> failed(AttachmentFetch.Claimed job, Throwable e) {
        FetchFailure failure = e instanceof FetchFailure f ? f
                : FetchFailure.transientFailure("The file could not be kept just now.", e.getClass().getSimpleName() + ": " + e.getMessage());
        if (!failure.permanent() && job.attempts() < maxAttempts) {
            Duration delay = delay(job.attempts());
            LOG.infof("attachment %s of %s: attempt %d failed (%s); again in %s", job.attachmentId(), job.channelId(), job.attempts(),
                    failure.getMessage(), delay);
            return jobs.retryLater(job, delay, failure.getMessage());
        }
        String reason = failure.permanent() ? failure.reason()
                : failure.reason() + " Pharos tried " + job.attempts() + " times and gave up; ask the customer to send it again.";
        LOG.infof("attachment %s of %s failed: %s", job.attachmentId(), job.channelId(), failure.getMessage());
        return publish(job, new AttachmentReport(job.attachmentId(), job.channelId(), Channel.of(job.provider()), job.providerMessageId(),
                AttachmentStatus.FAILED, null, null, null, reason, null));
    }

    /** The outcome through the outbox, in the transaction that removes the job; nothing when another claim took the job over. */
    private Uni<Void> publish(AttachmentFetch.Claimed job, AttachmentReport report) {
        return pool.withTransaction(conn -> jobs.finish(conn, job).flatMap(mine -> !mine ? Uni.createFrom().voidItem()
                : outbox.append(conn, job.tenant(), report.status() == AttachmentStatus.STORED ? ChannelEvents.ATTACHMENT_STORED
                        : ChannelEvents.ATTACHMENT_FAILED, job.messageKey(), report).replaceWithVoid()));
    }

    /** 30 s, 1, 2, 4, 8, 16, 32 min with the defaults: eight attempts over about an hour. */
    Duration delay(int attemptsMade) {
        return firstRetry.multipliedBy(1L << Math.min(Math.max(attemptsMade - 1, 0), 16));
    }
}
