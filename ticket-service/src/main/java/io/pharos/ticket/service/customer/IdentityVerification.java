package io.pharos.ticket.service.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.ticket.CustomerUpdated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.CustomerRepository;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A visitor opened the link mailed to the address they claimed: the claim becomes a verified
 * identity. When a customer already holds that address, the visitor is that customer: the
 * provisional profile (its tickets and other identities) is merged into theirs; otherwise the
 * provisional customer keeps the address, now verified. Either way the link is used up.
 */
@ApplicationScoped
public class IdentityVerification {

    public enum Outcome {
        /** The claim is now a verified identity of its (provisional) customer. */
        VERIFIED,
        /** The address belonged to a customer: the provisional one was merged into them. */
        MERGED,
        /** A well-signed link past its expiry. */
        EXPIRED,
        /** A well-signed link whose claim was already verified. */
        USED,
        /** Forged, altered or malformed. */
        INVALID
    }

    public record Result(Outcome outcome, UUID customerId, String value) {
    }

    private final VerificationTokens tokens;
    private final CustomerRepository customers;
    private final CustomerService service;
    private final OutboxWriter outbox;
    private final AuditTrail audit;

    public IdentityVerification(VerificationTokens tokens, CustomerRepository customers, CustomerService service, OutboxWriter outbox,
            AuditTrail audit) {
        this.tokens = tokens;
        this.customers = customers;
        this.service = service;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What the link would do, without doing it (the page a mail scanner's prefetch sees changes nothing). */
    @WithTransaction
    public Uni<Result> check(String token) {
        return claim(token).map(found -> found.result() != null ? found.result()
                : new Result(Outcome.VERIFIED, found.identity().customer.id, found.identity().value));
    }

    @WithTransaction
    public Uni<Result> verify(String token) {
        return claim(token).flatMap(found -> {
            if (found.result() != null) {
                return Uni.createFrom().item(found.result());
            }
            CustomerIdentity claim = found.identity();
            Customer provisional = claim.customer;
            String tenant = claim.tenant;
            Actor actor = Actor.system();
            return customers.findByIdentity(tenant, claim.type, claim.value).flatMap(holder -> {
                if (holder == null) {
                    claim.verified = true;
                    provisional.updatedAt = CustomerService.now();
                    String added = claim.type + ":" + claim.value; // as customer events name added identities
                    return audit.record(tenant, null, provisional.id, actor, "identity.verified",
                            Map.of("identity", new Identities.Id(claim.type, claim.value).toString()))
                            .flatMap(v -> service.identitiesOf(provisional))
                            .flatMap(ids -> outbox.append(tenant, TicketEvents.CUSTOMER_UPDATED, provisional.id.toString(),
                                    new CustomerUpdated(EventData.customer(provisional, ids),
                                            CustomerUpdated.Changes.identitiesAdded(List.of(added)))))
                            .flatMap(v -> customers.flush())
                            .replaceWith(new Result(Outcome.VERIFIED, provisional.id, claim.value));
                }
                // the holder has the address verified already: the claim has done its work
                Uni<Void> consumed = Panache.getSession().flatMap(s -> s.remove(claim).call(s::flush));
                if (holder.id.equals(provisional.id)) {
                    return consumed.replaceWith(new Result(Outcome.VERIFIED, holder.id, claim.value));
                }
                return consumed.flatMap(v -> audit.record(tenant, null, holder.id, actor, "identity.verified",
                        Map.of("identity", new Identities.Id(claim.type, claim.value).toString(), "provisional", provisional.id.toString())))
                        .flatMap(v -> service.merge(tenant, holder.id, provisional.id, actor))
                        .replaceWith(new Result(Outcome.MERGED, holder.id, claim.value));
            });
        });
    }

    /** The unverified identity a token names, or the result that explains why there is none to verify. */
    private Uni<Found> claim(String token) {
        Optional<VerificationTokens.Claims> claims = tokens.verify(token);
        if (claims.isEmpty()) {
            return Uni.createFrom().item(new Found(null, new Result(Outcome.INVALID, null, null)));
        }
        if (claims.get().expiresAt().isBefore(Instant.now())) {
            return Uni.createFrom().item(new Found(null, new Result(Outcome.EXPIRED, null, null)));
        }
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from CustomerIdentity i join fetch i.customer where i.id = ?1", CustomerIdentity.class)
                .setParameter(1, claims.get().identityId()).getSingleResultOrNull())
                .map(identity -> identity == null || identity.verified
                        // a verified claim, or one consumed by a merge: the link was used
                        ? new Found(null, new Result(Outcome.USED, null, null))
                        : new Found(identity, null));
    }

    private record Found(CustomerIdentity identity, Result result) {
    }
}
