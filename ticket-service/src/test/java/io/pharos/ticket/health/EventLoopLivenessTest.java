package io.pharos.ticket.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A wedged event loop makes /q/health/live DOWN (so Kubernetes restarts the pod), and the check
 * recovers once the loop runs again (commons' EventLoopLiveness, timeout 5 s).
 */
@QuarkusTest
class EventLoopLivenessTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/q/health/live")
    URI live;

    @Test
    void aBlockedEventLoopMakesLivenessDownUntilItRunsAgain() throws Exception {
        assertThat(status()).isEqualTo(200);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Context loop = vertx.getOrCreateContext(); // the next event loop, round robin
        loop.runOnContext(v -> {
            blocked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // deliberately wedged, as a blocking call in reactive code would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            // a probe that lands on the wedged loop hangs (and times out, a failure for the kubelet too):
            // each attempt is a new connection with a short timeout, as the kubelet's are
            await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> status() == 503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(4)); // not before the timeout
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> status() == 200);
    }

    private int status() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            return client.send(HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
