package io.pharos.ticket.service.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Per-tenant ticket numbers from one PostgreSQL sequence per tenant: no row lock serialises a
 * tenant's writes (a counter row would), and a rolled-back create leaves a gap, which is fine.
 * It runs on the caller's session: asking the pool for a second connection while holding one
 * deadlocks under load once every connection waits for another.
 */
@ApplicationScoped
public class TicketNumbers {

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public Uni<Long> next(String tenant) {
        String sequence = sequenceName(tenant);
        return Panache.getSession().flatMap(session -> {
            Uni<Void> ensure = known.contains(sequence) ? Uni.createFrom().voidItem()
                    // first ticket of a tenant in this process: concurrent creators queue on the advisory
                    // lock, so IF NOT EXISTS never races inside a transaction
                    : session.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('" + sequence + "'))").getSingleResult()
                            .flatMap(locked -> session.createNativeQuery("CREATE SEQUENCE IF NOT EXISTS " + sequence + " START 1000")
                                    .executeUpdate())
                            .invoke(() -> known.add(sequence)).replaceWithVoid();
            // an HQL query, not a native one: Hibernate caches its plan, while a native query's plan key
            // never matches the cached one and every call would add another entry to the plan cache
            return ensure.flatMap(v -> session.createSelectionQuery("select function('nextval', '" + sequence + "')", Long.class)
                    .getSingleResult())
                    // the creating transaction may have rolled back; check again next time
                    .onFailure().invoke(() -> known.remove(sequence));
        });
    }

    /** A safe identifier whatever the tenant name: a hash, never the raw claim. */
    static String sequenceName(String tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
            return "ticket_number_" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
