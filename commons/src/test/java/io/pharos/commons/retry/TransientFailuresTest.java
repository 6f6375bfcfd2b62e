package io.pharos.commons.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

/** What a consumer retries instead of parking: a fault-campaign run lost an SMS to a "Connection reset" taken for poison. */
class TransientFailuresTest {

    @Test
    void aConnectionResetByACrashingDatabaseIsUnavailableNotPoison() {
        Throwable reset = new CompletionException(new RuntimeException("rollback failed", new SocketException("Connection reset")));
        assertThat(TransientFailures.of(reset)).isEqualTo(TransientFailures.Kind.UNAVAILABLE);
    }

    @Test
    void aRefusedValueIsNotTransient() {
        assertThat(TransientFailures.of(new IllegalArgumentException("A message needs text or html"))).isNull();
    }
}
