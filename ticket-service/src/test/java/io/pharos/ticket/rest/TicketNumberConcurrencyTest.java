package io.pharos.ticket.rest;

import static io.pharos.ticket.rest.TicketApi.email;
import static io.pharos.ticket.rest.TicketApi.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Ticket numbers stay unique per tenant when many creates of one tenant race (and without gaps when all of them succeed). */
@QuarkusTest
class TicketNumberConcurrencyTest {

    private static final int CREATES = 64;

    @Test
    void sixtyFourConcurrentCreatesOfOneTenantGetDistinctConsecutiveNumbers() throws Exception {
        String token = KeycloakTokens.integrator("globex");
        ExecutorService pool = Executors.newFixedThreadPool(CREATES);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Response>> calls = new ArrayList<>();
            for (int i = 0; i < CREATES; i++) {
                String key = UUID.randomUUID().toString();
                calls.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                            .body(ticket("Race for a number", email(), List.of())).when().post("/api/v1/tickets");
                }, pool));
            }
            start.countDown(); // all 64 at once
            List<Long> numbers = new ArrayList<>();
            for (var call : calls) {
                Response response = call.get(2, TimeUnit.MINUTES);
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
                numbers.add(((Number) response.path("number")).longValue());
            }
            assertThat(numbers).doesNotHaveDuplicates();
            long first = numbers.stream().mapToLong(Long::longValue).min().orElseThrow();
            // gap-free: exactly the 64 numbers after the first (the test creates nothing else for globex meanwhile)
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(
                    LongStream.range(first, first + CREATES).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
