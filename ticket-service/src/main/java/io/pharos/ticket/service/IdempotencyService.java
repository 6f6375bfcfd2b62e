package io.pharos.ticket.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.domain.IdempotencyRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Makes a create safe to retry: the first request with a key runs and its answer is stored in
 * the same transaction; the same key with the same body replays that answer; the same key with
 * another body is a 422. Concurrent duplicates wait on the key's row and then replay.
 */
@ApplicationScoped
public class IdempotencyService {

    /** Keys are kept at least this long (contract: 24 h). */
    public static final Duration RETENTION = Duration.ofHours(48);

    /** The answer to a create: the stored body, its ETag, whether it was replayed. */
    public record Outcome(int status, String body, String etag, boolean replayed) {
    }

    /** What a fresh run produces: a status, a JSON body and an ETag (or null). */
    public record Answer(int status, String body, String etag) {
    }

    @WithTransaction
    public Uni<Outcome> run(String tenant, String operation, String key, String requestHash, Supplier<Uni<Answer>> action) {
        if (key == null || key.isBlank()) {
            return action.get().map(a -> new Outcome(a.status(), a.body(), a.etag(), false));
        }
        if (key.length() > 200) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-idempotency-key", "Idempotency-Key is longer than 200 characters."));
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "INSERT INTO idempotency_key (tenant, operation, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, tenant).setParameter(2, operation).setParameter(3, key).setParameter(4, requestHash)
                .setParameter(5, Instant.now())
                .executeUpdate()
                .flatMap(inserted -> inserted == 1 ? fresh(s, tenant, operation, key, action) : replay(s, tenant, operation, key, requestHash)));
    }

    private Uni<Outcome> fresh(org.hibernate.reactive.mutiny.Mutiny.Session s, String tenant, String operation, String key,
            Supplier<Uni<Answer>> action) {
        return action.get().flatMap(a -> s.createNativeQuery(
                "UPDATE idempotency_key SET status = ?1, response = ?2 WHERE tenant = ?3 AND operation = ?4 AND key = ?5")
                .setParameter(1, a.status()).setParameter(2, a.etag() + "\n" + a.body())
                .setParameter(3, tenant).setParameter(4, operation).setParameter(5, key)
                .executeUpdate().map(n -> new Outcome(a.status(), a.body(), a.etag(), false)));
    }

    private Uni<Outcome> replay(org.hibernate.reactive.mutiny.Mutiny.Session s, String tenant, String operation, String key,
            String requestHash) {
        return s.find(IdempotencyRecord.class, new IdempotencyRecord.Key(tenant, operation, key)).map(record -> {
            if (!record.requestHash.equals(requestHash)) {
                throw ProblemException.unprocessable("idempotency-key-reused",
                        "Idempotency-Key " + key + " was already used with a different request body.");
            }
            if (record.response == null) {
                throw ProblemException.conflict("idempotency-key-in-flight", "A request with this Idempotency-Key is still running.");
            }
            int newline = record.response.indexOf('\n');
            String etag = record.response.substring(0, newline);
            return new Outcome(record.status, record.response.substring(newline + 1), "null".equals(etag) ? null : etag, true);
        });
    }

    @Scheduled(every = "1h", delayed = "1m")
    @WithTransaction
    Uni<Void> forgetOldKeys() {
        return Panache.getSession().flatMap(s -> s.createMutationQuery("delete from IdempotencyRecord where createdAt < ?1")
                .setParameter(1, Instant.now().minus(RETENTION)).executeUpdate()).replaceWithVoid();
    }

    public static String hash(String canonicalBody) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
