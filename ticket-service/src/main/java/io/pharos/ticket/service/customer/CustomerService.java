package io.pharos.ticket.service.customer;

import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.pharos.ticket.service.InOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.messaging.History;
import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.contracts.EventType;
import io.pharos.contracts.ticket.CustomerCreated;
import io.pharos.contracts.ticket.CustomerMerged;
import io.pharos.contracts.ticket.CustomerUpdated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.CustomerDto;
import io.pharos.ticket.api.CustomerPatch;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.Lifecycle;
import io.pharos.ticket.mapping.CustomerMapper;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.CustomerRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Customer profiles: recognised by identity, created on first contact, churned, merged. */
@ApplicationScoped
public class CustomerService {

    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final VerificationMails verification;

    public CustomerService(CustomerRepository customers, OutboxWriter outbox, AuditTrail audit, VerificationMails verification) {
        this.customers = customers;
        this.outbox = outbox;
        this.audit = audit;
        this.verification = verification;
    }

    /** A resolved customer: who it is, whether this call created it. */
    public record Resolved(Customer customer, boolean created) {
    }

    /**
     * The customer one of these identities belongs to (the first known wins), with the other
     * identities added to it when nobody holds them yet; or a new customer. Runs inside the
     * caller's transaction. Every identity is taken as proven (an email's From, a provider's id,
     * an integrator's word).
     */
    public Uni<Resolved> resolve(String tenant, IdentityInput who, Actor actor, Instant at) {
        return resolve(tenant, who, false, actor, at);
    }

    /**
     * As above; with {@code claimed} the email and phone are only what a chat or form visitor typed.
     * They recognise nobody: the proven identities (the chat session) decide the customer, or a new
     * provisional one is created, and the claims are added to it as unverified identities (a new
     * claimed email is mailed a verification link). A stranger typing a customer's address thus
     * neither joins that customer's history nor receives their replies.
     */
    public Uni<Resolved> resolve(String tenant, IdentityInput who, boolean claimed, Actor actor, Instant at) {
        List<Identities.Id> all = Identities.of(who);
        if (all.isEmpty() && who.externalId() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-requester-identity",
                    "The requester needs at least one of email, phone, whatsapp, telegram, messenger, instagram, chat or externalId."));
        }
        List<Identities.Id> claims = claimed ? all.stream().filter(Identities::claimable).toList() : List.of();
        List<Identities.Id> ids = all.stream().filter(id -> !claims.contains(id)).toList();
        Uni<Customer> byExternal = who.externalId() == null ? Uni.createFrom().nullItem()
                : customers.findByExternalId(tenant, who.externalId());
        return byExternal.flatMap(found -> found != null ? Uni.createFrom().item(found) : findFirst(tenant, ids, 0))
                .flatMap(found -> {
                    if (found == null) {
                        return create(tenant, who, ids, claims, actor, at).map(c -> new Resolved(c, true));
                    }
                    return olderSince(tenant, found, at).flatMap(c -> addUnknownIdentities(tenant, c, ids, actor))
                            .flatMap(c -> addClaims(tenant, c, claims, who.language()))
                            .map(c -> new Resolved(c, false));
                });
    }

    @WithTransaction
    public Uni<CustomerDto> createExplicit(String tenant, IdentityInput who, Actor actor) {
        List<Identities.Id> ids = Identities.of(who);
        if (ids.isEmpty() && who.externalId() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-identity",
                    "A customer needs at least one identity (email, phone, ...) or an externalId."));
        }
        Uni<Customer> byExternal = who.externalId() == null ? Uni.createFrom().nullItem()
                : customers.findByExternalId(tenant, who.externalId());
        return byExternal.flatMap(existing -> existing != null ? conflict("externalId " + who.externalId())
                : findFirst(tenant, ids, 0).flatMap(other -> other != null ? conflict("an identity of this customer")
                        : create(tenant, who, ids, actor, Instant.now())))
                .flatMap(c -> dto(tenant, c));
    }

    @WithSession
    public Uni<CustomerDto> get(String tenant, UUID id) {
        return customers.findInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id))
                .flatMap(c -> dto(tenant, c));
    }

    /** Several customers in one query (batched GraphQL fields); merged ones resolve to their survivor's view. */
    @WithSession
    public Uni<List<CustomerDto>> byIds(String tenant, List<UUID> ids) {
        return customers.list("tenant = ?1 and id in ?2", tenant, ids)
                .flatMap(this::dtos);
    }

    @WithSession
    public Uni<CustomerDto> findByIdentity(String tenant, String typeAndValue) {
        Identities.Id id = Identities.parse(typeAndValue);
        return customers.findByIdentity(tenant, id.type(), id.value())
                .flatMap(c -> c == null ? Uni.createFrom().nullItem() : dto(tenant, c));
    }

    @WithSession
    public Uni<CustomerDto> findByExternalId(String tenant, String externalId) {
        return customers.findByExternalId(tenant, externalId)
                .flatMap(c -> c == null ? Uni.createFrom().nullItem() : dto(tenant, c));
    }

    /** Newest first, a page after the cursor (keyset: stable while customers are added). */
    @WithSession
    public Uni<io.pharos.ticket.api.Page<CustomerDto>> page(String tenant, String cursor, int limit) {
        io.pharos.commons.paging.Cursor after = io.pharos.commons.paging.Cursor.decode(cursor);
        String q = "tenant = ?1 and mergedInto is null" + (after == null ? "" : " and (createdAt < ?2 or (createdAt = ?2 and id < ?3))")
                + " order by createdAt desc, id desc";
        var query = after == null ? customers.find(q, tenant) : customers.find(q, tenant, after.at(), after.id());
        // one more than asked for tells whether a next page exists (Panache ranges are inclusive)
        return query.range(0, limit).list().flatMap(fetched -> {
            List<io.pharos.ticket.domain.Customer> found = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
            String next = fetched.size() > limit
                    ? new io.pharos.commons.paging.Cursor(found.get(found.size() - 1).createdAt, found.get(found.size() - 1).id).encode()
                    : null;
            return dtos(found).map(items -> new io.pharos.ticket.api.Page<>(items, next));
        });
    }

    @WithSession
    public Uni<List<CustomerDto>> list(String tenant, int limit) {
        return customers.find("tenant = ?1 and mergedInto is null order by createdAt desc, id desc", tenant)
                .page(0, limit).list()
                .flatMap(this::dtos);
    }

    @WithTransaction
    public Uni<CustomerDto> patch(String tenant, UUID id, CustomerPatch patch, Actor actor) {
        return customers.findInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", id))
                .flatMap(c -> {
                    boolean churned = patch.lifecycle() != null && patch.lifecycle() != c.lifecycle
                            && patch.lifecycle() == Lifecycle.CHURNED;
                    Map<String, Object> changes = new LinkedHashMap<>();
                    CustomerUpdated.Changes changed = apply(c, patch, changes);
                    c.updatedAt = now();
                    EventType<CustomerUpdated> type = churned ? TicketEvents.CUSTOMER_CHURNED : TicketEvents.CUSTOMER_UPDATED;
                    return identitiesOf(c).flatMap(ids -> audit.record(tenant, null, c.id, actor, "customer.updated", changes)
                            .flatMap(v -> event(tenant, type, c, new CustomerUpdated(EventData.customer(c, ids), changed)))
                            .flatMap(v -> customers.flush())
                            .map(v -> CustomerMapper.toDto(c, ids)));
                });
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}: identities and tickets move to the survivor,
     * the merged profile stays as a pointer so that old references still resolve.
     */
    @WithTransaction
    public Uni<CustomerDto> merge(String tenant, UUID survivorId, UUID mergedId, Actor actor) {
        if (survivorId.equals(mergedId)) {
            return Uni.createFrom().failure(ProblemException.badRequest("merge-into-itself", "A customer cannot be merged into itself."));
        }
        return customers.findInTenant(tenant, survivorId).onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", survivorId))
                .flatMap(survivor -> customers.findInTenant(tenant, mergedId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Customer", mergedId))
                        .flatMap(merged -> {
                            if (merged.mergedInto != null || survivor.mergedInto != null) {
                                return Uni.createFrom().failure(ProblemException.conflict("already-merged",
                                        "One of these customers was already merged into another."));
                            }
                            merged.mergedInto = survivor.id;
                            merged.updatedAt = survivor.updatedAt = now();
                            if (survivor.name == null) {
                                survivor.name = merged.name;
                            }
                            return Panache.getSession().flatMap(s -> s.createMutationQuery(
                                    // an unverified claim the survivor already holds (either way) moves nowhere
                                    "delete from CustomerIdentity m where m.tenant = ?1 and m.customer = ?2 and m.verified = false"
                                            + " and exists (select 1 from CustomerIdentity k where k.customer = ?3 and k.type = m.type"
                                            + " and k.value = m.value)")
                                    .setParameter(1, tenant).setParameter(2, merged).setParameter(3, survivor).executeUpdate()
                                    .flatMap(dropped -> s.createMutationQuery(
                                    "update CustomerIdentity set customer = ?1 where tenant = ?2 and customer = ?3")
                                    .setParameter(1, survivor).setParameter(2, tenant).setParameter(3, merged).executeUpdate())
                                    .flatMap(n -> s.createMutationQuery(
                                            "update Ticket set requesterId = ?1 where tenant = ?2 and requesterId = ?3")
                                            .setParameter(1, survivor.id).setParameter(2, tenant).setParameter(3, merged.id)
                                            .executeUpdate()))
                                    .flatMap(moved -> identitiesOf(survivor).flatMap(ids -> audit
                                            .record(tenant, null, survivor.id, actor, "customer.merged",
                                                    Map.of("merged", merged.id.toString(), "ticketsMoved", moved))
                                            .flatMap(v -> event(tenant, TicketEvents.CUSTOMER_MERGED, survivor,
                                                    new CustomerMerged(EventData.customer(survivor, ids), merged.id, moved)))
                                            .flatMap(v -> customers.flush())
                                            .map(v -> CustomerMapper.toDto(survivor, ids))));
                        }));
    }

    Uni<List<CustomerIdentity>> identitiesOf(Customer c) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from CustomerIdentity where customer.id = ?1 order by type, value", CustomerIdentity.class)
                .setParameter(1, c.id).getResultList());
    }

    private Uni<CustomerDto> dto(String tenant, Customer c) {
        return identitiesOf(c).map(ids -> CustomerMapper.toDto(c, ids));
    }

    /**
     * Several customers with their identities read in one query: one query per customer made a page of 100 cost 100
     * queries, each auto-flushing a persistence context that grew with every one (34 ms of CPU per inbox page).
     */
    private Uni<List<CustomerDto>> dtos(List<Customer> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = list.stream().map(c -> c.id).toList();
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from CustomerIdentity where customer.id in ?1", CustomerIdentity.class)
                .setParameter(1, ids).setReadOnly(true).getResultList())
                .map(all -> {
                    Map<UUID, List<CustomerIdentity>> byCustomer = all.stream().collect(Collectors.groupingBy(i -> i.customer.id));
                    return list.stream().map(c -> CustomerMapper.toDto(c, byCustomer.getOrDefault(c.id, List.of()))).toList();
                });
    }

    private Uni<Customer> findFirst(String tenant, List<Identities.Id> ids, int from) {
        if (from >= ids.size()) {
            return Uni.createFrom().nullItem();
        }
        Identities.Id id = ids.get(from);
        return customers.findByIdentity(tenant, id.type(), id.value())
                .flatMap(c -> c != null ? Uni.createFrom().item(c) : findFirst(tenant, ids, from + 1));
    }

    private Uni<Customer> create(String tenant, IdentityInput who, List<Identities.Id> ids, Actor actor, Instant at) {
        return create(tenant, who, ids, List.of(), actor, at);
    }

    private Uni<Customer> create(String tenant, IdentityInput who, List<Identities.Id> ids, List<Identities.Id> claims, Actor actor,
            Instant at) {
        Customer c = new Customer();
        c.id = UUID.randomUUID();
        c.tenant = tenant;
        c.externalId = who.externalId();
        c.name = who.name();
        c.language = who.language();
        c.createdAt = c.updatedAt = at.truncatedTo(ChronoUnit.MICROS);
        List<CustomerIdentity> identities = new ArrayList<>();
        for (Identities.Id id : ids) {
            identities.add(identity(tenant, c, id));
        }
        List<CustomerIdentity> unverified = claims.stream().map(id -> claim(tenant, c, id)).toList();
        identities.addAll(unverified);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("identities", ids.stream().map(Identities.Id::toString).toList());
        if (!claims.isEmpty()) {
            detail.put("unverified", claims.stream().map(Identities.Id::toString).toList());
        }
        return customers.persist(c)
                .flatMap(v -> Panache.getSession().flatMap(s -> s.persistAll(identities.toArray())))
                .flatMap(v -> audit.record(tenant, null, c.id, actor, "customer.created", detail))
                .flatMap(v -> event(tenant, TicketEvents.CUSTOMER_CREATED, c, new CustomerCreated(EventData.customer(c, identities))))
                .flatMap(v -> requestVerification(unverified, who.language()))
                .replaceWith(c);
    }

    /**
     * In an import of history, a customer is a customer since their oldest ticket: tickets imported
     * in any order (or after the customer's own line) leave the customer's createdAt at the oldest of
     * them all, so retention counts them from then. Live contacts never move it.
     */
    private Uni<Customer> olderSince(String tenant, Customer c, Instant at) {
        Instant since = at.truncatedTo(ChronoUnit.MICROS);
        if (!History.isHistorical() || !since.isBefore(c.createdAt)) {
            return Uni.createFrom().item(c);
        }
        c.createdAt = since;
        c.updatedAt = now();
        return identitiesOf(c).flatMap(ids -> event(tenant, TicketEvents.CUSTOMER_UPDATED, c, new CustomerUpdated(EventData.customer(c, ids),
                new CustomerUpdated.Changes(null, null, null, null, null, null, null, null, null))))
                .replaceWith(c);
    }

    /** Claims this customer does not hold yet, as unverified identities; nobody else's identity is looked at. */
    private Uni<Customer> addClaims(String tenant, Customer c, List<Identities.Id> claims, String language) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(c);
        }
        return identitiesOf(c).flatMap(known -> {
            List<CustomerIdentity> fresh = claims.stream()
                    .filter(id -> known.stream().noneMatch(k -> k.type == id.type() && k.value.equals(id.value())))
                    .map(id -> claim(tenant, c, id)).toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(c);
            }
            return Panache.getSession().flatMap(s -> s.persistAll(fresh.toArray()))
                    .flatMap(v -> requestVerification(fresh, language))
                    .replaceWith(c);
        });
    }

    private Uni<Void> requestVerification(List<CustomerIdentity> claims, String language) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (CustomerIdentity claim : claims) {
            if (claim.type == io.pharos.ticket.domain.IdentityType.EMAIL) {
                all = all.flatMap(v -> verification.request(claim, language, now()));
            }
        }
        return all;
    }

    private Uni<Customer> addUnknownIdentities(String tenant, Customer c, List<Identities.Id> ids, Actor actor) {
        return identitiesOf(c).flatMap(known -> {
            List<Uni<CustomerIdentity>> additions = new ArrayList<>();
            for (Identities.Id id : ids) {
                boolean mine = known.stream().anyMatch(k -> k.type == id.type() && k.value.equals(id.value()));
                if (!mine) {
                    // only identities nobody holds: one never moves between customers silently
                    additions.add(customers.findByIdentity(tenant, id.type(), id.value())
                            .flatMap(holder -> holder != null ? Uni.createFrom().nullItem()
                                    : Panache.getSession().flatMap(s -> {
                                        CustomerIdentity added = identity(tenant, c, id);
                                        return s.persist(added).replaceWith(added);
                                    })));
                }
            }
            if (additions.isEmpty()) {
                return Uni.createFrom().item(c);
            }
            return InOrder.all(additions).flatMap(added -> {
                List<CustomerIdentity> fresh = added.stream().filter(java.util.Objects::nonNull).toList();
                if (fresh.isEmpty()) {
                    return Uni.createFrom().item(c);
                }
                c.updatedAt = now();
                List<CustomerIdentity> all = new ArrayList<>(known);
                all.addAll(fresh);
                return event(tenant, TicketEvents.CUSTOMER_UPDATED, c, new CustomerUpdated(EventData.customer(c, all),
                        CustomerUpdated.Changes.identitiesAdded(fresh.stream().map(i -> i.type + ":" + i.value).toList())))
                        .replaceWith(c);
            });
        });
    }

    private static CustomerIdentity claim(String tenant, Customer c, Identities.Id id) {
        CustomerIdentity claim = identity(tenant, c, id);
        claim.verified = false;
        return claim;
    }

    /** A new identity of the customer, verified (the default); claims unset it. */
    static CustomerIdentity identity(String tenant, Customer c, Identities.Id id) {
        CustomerIdentity identity = new CustomerIdentity();
        identity.id = UUID.randomUUID();
        identity.tenant = tenant;
        identity.customer = c;
        identity.type = id.type();
        identity.value = id.value();
        identity.createdAt = now();
        return identity;
    }

    private <T> Uni<Void> event(String tenant, EventType<T> type, Customer c, T data) {
        return outbox.append(tenant, type, c.id.toString(), data).replaceWithVoid();
    }

    /** Applies a patch: {@code changes} gets what changed for the audit trail; answers it as the event reports it. */
    private static CustomerUpdated.Changes apply(Customer c, CustomerPatch patch, Map<String, Object> changes) {
        if (patch.name() != null) {
            changes.put("name", c.name = patch.name());
        }
        if (patch.language() != null) {
            changes.put("language", c.language = patch.language());
        }
        if (patch.timeZone() != null) {
            changes.put("timeZone", c.timeZone = patch.timeZone());
        }
        if (patch.location() != null) {
            changes.put("location", c.location = patch.location());
        }
        if (patch.tags() != null) {
            c.tags = patch.tags().toArray(String[]::new);
            changes.put("tags", patch.tags());
        }
        if (patch.notes() != null) {
            changes.put("notes", c.notes = patch.notes());
        }
        Lifecycle lifecycle = null;
        LocalDate churnedOn = null;
        if (patch.lifecycle() != null && patch.lifecycle() != c.lifecycle) {
            c.lifecycle = lifecycle = patch.lifecycle();
            boolean churned = c.lifecycle == Lifecycle.CHURNED;
            c.churnedOn = churnedOn = churned ? (patch.effectiveDate() != null ? patch.effectiveDate() : LocalDate.now(ZoneOffset.UTC)) : null;
            changes.put("lifecycle", c.lifecycle);
            changes.put("churnedOn", c.churnedOn == null ? null : c.churnedOn.toString());
        } else if (patch.effectiveDate() != null && c.lifecycle == Lifecycle.CHURNED) {
            c.churnedOn = churnedOn = patch.effectiveDate();
            changes.put("churnedOn", c.churnedOn.toString());
        }
        // a reactivation's "churnedOn": null is absent from the event (consumers read the customer's churnedOn)
        return new CustomerUpdated.Changes(patch.name(), patch.language(), patch.timeZone(), patch.location(), patch.tags(),
                patch.notes(), EventData.lifecycle(lifecycle), churnedOn, null);
    }

    private static <T> Uni<T> conflict(String what) {
        return Uni.createFrom().failure(ProblemException.conflict("customer-exists", "A customer with " + what + " already exists."));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
