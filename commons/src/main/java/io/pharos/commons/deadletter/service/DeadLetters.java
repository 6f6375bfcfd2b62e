package io.pharos.commons.deadletter.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.pharos.commons.deadletter.DeadLetter;
import io.pharos.commons.deadletter.DeadLetterStatus;
import io.pharos.commons.deadletter.DeadLetterSummary;
import io.pharos.commons.deadletter.Failures;
import io.pharos.commons.deadletter.ReplayHandler;
import io.pharos.commons.deadletter.ops.ParkedDeadLetters;
import io.pharos.commons.deadletter.store.DeadLetterStore;
import io.pharos.commons.rest.ProblemException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What a platform administrator does with dead letters: replay (one, or a range, oldest first) through
 * the channel's {@link ReplayHandler}, or discard with a reason. Every action is audited in the row
 * (who, when, why) and in the log ({@code io.pharos.commons.deadletter.service.DeadLetters}).
 */
@ApplicationScoped
public class DeadLetters {

    /** At most this many dead letters are replayed by one range request; the answer says whether more wait. */
    public static final int RANGE_LIMIT = 200;
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final DeadLetterStore store;
    private final Instance<ReplayHandler> handlers;
    private final ParkedDeadLetters parked;

    public DeadLetters(DeadLetterStore store, @Any Instance<ReplayHandler> handlers, ParkedDeadLetters parked) {
        this.store = store;
        this.handlers = handlers;
        this.parked = parked;
    }

    /** What one replay did: {@code replayed}, or still {@code parked} with the new attempt count and reason. */
    public record Outcome(long id, DeadLetterStatus status, int attempts, String reason) {
    }

    /** What a range replay did, in id order; {@code more} when parked dead letters of the range are left. */
    public record RangeOutcome(int replayed, int failed, boolean more, List<Outcome> outcomes) {
    }

    public Uni<List<DeadLetterSummary>> list(String channel, DeadLetterStatus status, String tenant, Long beforeId, int limit) {
        return store.list(channel, status, tenant, beforeId, limit);
    }

    public Uni<DeadLetter> get(long id) {
        return store.find(id).map(d -> {
            if (d == null) {
                throw ProblemException.notFound("Dead letter", id);
            }
            return d;
        });
    }

    /** Replays one parked dead letter; 404 when unknown, 409 when not parked, being replayed, or its channel has no handler. */
    public Uni<Outcome> replay(long id, String by) {
        return store.pool().withTransaction(conn -> store.lockParked(conn, id).flatMap(letter -> {
            if (letter == null) {
                return get(id).flatMap(d -> Uni.createFrom().<Outcome> failure(d.status() == DeadLetterStatus.PARKED
                        ? ProblemException.conflict("dead-letter-busy", "Dead letter " + id + " is being replayed")
                        : ProblemException.conflict("dead-letter-resolved", "Dead letter " + id + " is already " + d.status().column())));
            }
            ReplayHandler handler = handler(letter.channel());
            Instant at = Instant.now();
            return Uni.createFrom().deferred(() -> handler.replay(letter.record())).ifNoItem().after(REPLAY_TIMEOUT).fail()
                    .onItemOrFailure().transformToUni((ok, failure) -> {
                        if (failure == null) {
                            LOG.infof("audit: dead letter %d (%s, tenant %s, %s) replayed by %s", id, letter.channel(), letter.tenant(),
                                    letter.eventType(), by);
                            return store.replayed(conn, id, by, at)
                                    .replaceWith(new Outcome(id, DeadLetterStatus.REPLAYED, letter.attempts(), letter.reason()));
                        }
                        Throwable cause = Failures.unwrap(failure);
                        String reason = Failures.reason(cause);
                        LOG.warnf("audit: dead letter %d (%s, tenant %s) replay by %s failed again, stays parked: %s", id, letter.channel(),
                                letter.tenant(), by, reason);
                        return store.failedAgain(conn, id, reason, cause.getClass().getName(), at)
                                .replaceWith(new Outcome(id, DeadLetterStatus.PARKED, letter.attempts() + 1, reason));
                    });
        })).call(this::recount);
    }

    /** Replays the parked dead letters of a range (any of channel, tenant, from and to id), oldest first, one after the other. */
    public Uni<RangeOutcome> replay(String channel, String tenant, Long fromId, Long toId, String by) {
        LOG.infof("audit: %s replays parked dead letters (channel %s, tenant %s, ids %s..%s)", by, channel, tenant, fromId, toId);
        return store.parkedIds(channel, tenant, fromId, toId, RANGE_LIMIT + 1).flatMap(ids -> {
            List<Long> batch = ids.size() > RANGE_LIMIT ? ids.subList(0, RANGE_LIMIT) : ids;
            return Multi.createFrom().iterable(batch)
                    .onItem().transformToUniAndConcatenate(id -> replay(id, by)
                            // one that cannot be replayed now (being replayed elsewhere, resolved meanwhile) does not stop the range
                            .onFailure(ProblemException.class).recoverWithItem(e -> new Outcome(id, null, 0, e.getMessage())))
                    .collect().asList()
                    .map(outcomes -> {
                        List<Outcome> all = new ArrayList<>(outcomes);
                        int replayed = (int) all.stream().filter(o -> o.status() == DeadLetterStatus.REPLAYED).count();
                        return new RangeOutcome(replayed, all.size() - replayed, ids.size() > RANGE_LIMIT, all);
                    });
        });
    }

    /** Discards a parked dead letter for a reason; 404 when unknown, 409 when not parked. */
    public Uni<DeadLetter> discard(long id, String by, String reason) {
        return store.discard(id, by, reason, Instant.now()).flatMap(done -> get(id).map(d -> {
            if (!done) {
                throw ProblemException.conflict("dead-letter-resolved", "Dead letter " + id + " is " + d.status().column() + ", not parked");
            }
            LOG.infof("audit: dead letter %d (%s, tenant %s, %s) discarded by %s: %s", id, d.channel(), d.tenant(), d.eventType(), by, reason);
            return d;
        })).call(this::recount);
    }

    /** The gauge and health follow at once; a failed count only waits for the next scheduled one. */
    private Uni<Void> recount() {
        return parked.refresh().onFailure().recoverWithNull();
    }

    private ReplayHandler handler(String channel) {
        Instance<ReplayHandler> selected = handlers.select(Identifier.Literal.of(channel));
        if (!selected.isResolvable()) {
            throw ProblemException.conflict("no-replay-handler", "Channel " + channel + " of this service has no replay handler");
        }
        return selected.get();
    }
}
