package io.pharos.channel.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.model.ChannelAccount;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * One circuit breaker per channel account, so that one tenant's dead number, revoked token or
 * unreachable mailbox opens the breaker of that channel only and never holds back another tenant's
 * sends on the same provider. The thresholds are the ones the senders' annotations had: a provider
 * channel opens after 90% of its last 20 calls failed, an email channel after 80% of its last 10, and
 * each tries again after 30 s; a provider's refusal ({@link Undeliverable}, a 4xx) is the customer's
 * data, not the provider's health, and never counts. The call's timeout is inside the breaker, so
 * timeouts count; the senders' {@code @Retry} stays outside, each attempt going through the breaker.
 * <p>
 * An open breaker fails the call with {@link CircuitBreakerOpenException} (as the annotation did),
 * which the delivery reports as failed and dead-letters like any other provider failure. State
 * changes are logged with the channel id. The guards are not given a description or a name: SmallRye
 * exports metrics only for described guards and channel ids carry tenant names (no tenant data in
 * {@code /q/metrics}, docs/security.md), and named breakers stay registered for the process's life.
 * <p>
 * Bounded: channels are admin-created rows, and a channel unused for {@link #IDLE} (deleted, renamed,
 * disabled) loses its breaker at the next sweep; an idle breaker has long closed again anyway.
 */
@ApplicationScoped
public class ChannelBreakers {

    private static final Logger LOG = Logger.getLogger(ChannelBreakers.class);
    /** A breaker unused for this long is dropped (its 30 s delay is long over: it would be closed, or half-open). */
    static final Duration IDLE = Duration.ofHours(1);
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    /** What a breaker is for: the thresholds of the providers' APIs or of the SMTP server. */
    enum Kind {
        PROVIDER, SMTP
    }

    private record Breaker(Guard guard, AtomicLong lastUsed) {
    }

    private final ConcurrentHashMap<String, Breaker> breakers = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();
    private final LongSupplier clock;

    public ChannelBreakers() {
        this(System::nanoTime);
    }

    ChannelBreakers(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.nextSweep.set(nanoClock.getAsLong() + IDLE.toNanos());
    }

    /** A call to a provider's API with the channel's credentials, timed out after {@code timeout}, behind the channel's breaker. */
    public <T> Uni<T> provider(ChannelAccount channel, Duration timeout, Supplier<Uni<T>> call) {
        return guarded(Kind.PROVIDER, channel.id(), timeout, call);
    }

    /** A mail from the channel's mailbox through the SMTP server, timed out after {@code timeout}, behind the channel's breaker. */
    public <T> Uni<T> smtp(ChannelAccount channel, Duration timeout, Supplier<Uni<T>> call) {
        return guarded(Kind.SMTP, channel.id(), timeout, call);
    }

    /** How many channels have a breaker now. */
    int size() {
        return breakers.size();
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> guarded(Kind kind, String channelId, Duration timeout, Supplier<Uni<T>> call) {
        String label = kind == Kind.SMTP ? "email channel " + channelId : "channel " + channelId;
        Supplier<Uni<Object>> timed = () -> (Uni<Object>) Uni.createFrom().<T> deferred(call::get).ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException(label + ": no answer within " + timeout.toSeconds() + " s"));
        return Uni.createFrom().deferred(() -> (Uni<T>) breaker(kind, channelId).guard().get(timed, UNI))
                .onFailure(CircuitBreakerOpenException.class)
                .transform(e -> new CircuitBreakerOpenException(label + ": circuit breaker open after repeated failures"));
    }

    private Breaker breaker(Kind kind, String channelId) {
        long now = clock.getAsLong();
        sweep(now);
        Breaker breaker = breakers.computeIfAbsent(kind + ":" + channelId, key -> new Breaker(build(kind, channelId), new AtomicLong(now)));
        breaker.lastUsed().set(now);
        return breaker;
    }

    /** At most once per {@link #IDLE}: drops the breakers of channels unused for as long. */
    private void sweep(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + IDLE.toNanos())) {
            return;
        }
        breakers.values().removeIf(b -> now - b.lastUsed().get() > IDLE.toNanos());
    }

    private static Guard build(Kind kind, String channelId) {
        String label = kind == Kind.SMTP ? "email channel " + channelId : "channel " + channelId;
        return Guard.create().withCircuitBreaker().with(cb -> {
            if (kind == Kind.SMTP) {
                cb.requestVolumeThreshold(10).failureRatio(0.8);
            } else {
                cb.requestVolumeThreshold(20).failureRatio(0.9).skipOn(Undeliverable.class);
            }
        }).delay(30, ChronoUnit.SECONDS).onStateChange(state -> log(label, state)).done().build();
    }

    private static void log(String label, CircuitBreakerState state) {
        switch (state) {
            case OPEN -> LOG.warnf("%s: circuit breaker open after repeated failures; its sends fail at once for 30 s", label);
            case HALF_OPEN -> LOG.infof("%s: circuit breaker half-open; the next send is a trial", label);
            case CLOSED -> LOG.infof("%s: circuit breaker closed; sending again", label);
        }
    }
}
