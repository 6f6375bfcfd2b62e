package io.pharos.ticket.service.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.Problem;
import io.pharos.commons.rest.ProblemException;
import io.pharos.contracts.EventType;
import io.pharos.contracts.ticket.CustomerCreated;
import io.pharos.contracts.ticket.CustomerUpdated;
import io.pharos.contracts.ticket.TicketEvents;
import io.pharos.commons.json.LowerCaseEnums;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.api.ImportedCustomer;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.CustomerIdentity;
import io.pharos.ticket.domain.IdentityType;
import io.pharos.ticket.domain.Lifecycle;
import io.pharos.ticket.mapping.EventData;
import io.pharos.ticket.repository.CustomerRepository;
import io.pharos.ticket.service.Actor;
import io.pharos.ticket.service.AuditTrail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Customers of another tool imported with their past: when they became customers, whether and when
 * they churned, every identity they are recognised by. A customer already known (by externalId, else
 * by one of the identities) is brought up to the line, so an interrupted import can simply run
 * again: the older createdAt of the two wins, the line's lifecycle and churn date apply, tags and
 * identities are added, never removed. Nothing is sent: identities are the integrator's word
 * (verified, no verification mail), and the caller marks the events historical.
 */
@ApplicationScoped
public class CustomerImport {

    /** Most tags a customer keeps; an import adds to the tags already there. */
    static final int MAX_TAGS = 50;

    private final CustomerRepository customers;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Validator validator;

    public CustomerImport(CustomerRepository customers, OutboxWriter outbox, AuditTrail audit, Validator validator) {
        this.customers = customers;
        this.outbox = outbox;
        this.audit = audit;
        this.validator = validator;
    }

    /** What became of a line: the customer, and whether the line created it. */
    public record Outcome(UUID id, boolean created) {
    }

    /** A line's facts once checked: its identities in canonical form, its lifecycle and churn date. */
    private record Line(ImportedCustomer in, List<Identities.Id> ids, Lifecycle lifecycle, LocalDate churnedOn, Instant createdAt) {
    }

    @WithTransaction
    public Uni<Outcome> importCustomer(String tenant, ImportedCustomer in, Actor actor) {
        return Uni.createFrom().item(() -> check(in)).flatMap(line -> {
            Uni<Customer> byExternal = in.externalId() == null ? Uni.createFrom().nullItem()
                    : customers.findByExternalId(tenant, in.externalId());
            return byExternal.flatMap(found -> found != null ? survivor(tenant, found) : findFirst(tenant, line.ids(), 0))
                    .flatMap(found -> found == null ? create(tenant, line, actor).map(id -> new Outcome(id, true))
                            : update(tenant, found, line, actor).map(id -> new Outcome(id, false)));
        });
    }

    /** The line's rules beyond its field constraints; a broken rule is a 400 problem naming the field. */
    Line check(ImportedCustomer in) {
        List<Identities.Id> ids = identities(in.identities());
        if (ids.isEmpty() && in.externalId() == null) {
            throw ProblemException.badRequest("missing-identity", "A customer needs at least one identity or an externalId.");
        }
        Lifecycle lifecycle = in.lifecycle() != null ? in.lifecycle() : in.churnedOn() != null ? Lifecycle.CHURNED : null;
        if (lifecycle == Lifecycle.CHURNED && in.churnedOn() == null) {
            throw invalid("churnedOn", "is required when lifecycle is churned");
        }
        if (lifecycle != Lifecycle.CHURNED && in.churnedOn() != null) {
            throw invalid("churnedOn", "is only for a churned customer");
        }
        if (in.churnedOn() != null) {
            LocalDate created = in.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (in.churnedOn().isBefore(created)) {
                throw invalid("churnedOn", "must not be before createdAt (" + created + ")");
            }
            if (in.churnedOn().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
                throw invalid("churnedOn", "must not be in the future");
            }
        }
        return new Line(in, ids, lifecycle, in.churnedOn(), in.createdAt().truncatedTo(ChronoUnit.MICROS));
    }

    /** Each identity checked like the same field of {@link IdentityInput}, in canonical form, duplicates dropped. */
    private List<Identities.Id> identities(List<ImportedCustomer.Identity> given) {
        if (given == null) {
            return List.of();
        }
        Set<Identities.Id> ids = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ImportedCustomer.Identity identity = given.get(i);
            IdentityType type;
            try {
                type = LowerCaseEnums.parse(IdentityType.class, identity.type());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "invalid-identity", "Invalid customer", "identities[" + i + "].type: " + e.getMessage(),
                        List.of(new Problem.FieldError("identities[" + i + "].type", e.getMessage())));
            }
            Set<ConstraintViolation<IdentityInput>> violations = validator.validate(asInput(type, identity.value()));
            if (!violations.isEmpty()) {
                throw invalid("identities[" + i + "].value", violations.iterator().next().getMessage());
            }
            String value = Identities.normalise(type, identity.value());
            if (value.isEmpty()) {
                throw invalid("identities[" + i + "].value", "must be a " + LowerCaseEnums.wire(type));
            }
            ids.add(new Identities.Id(type, value));
        }
        return List.copyOf(ids);
    }

    private static IdentityInput asInput(IdentityType type, String v) {
        return switch (type) {
            case EMAIL -> new IdentityInput(null, v, null, null, null, null, null, null, null, null);
            case PHONE -> new IdentityInput(null, null, v, null, null, null, null, null, null, null);
            case WHATSAPP -> new IdentityInput(null, null, null, v, null, null, null, null, null, null);
            case TELEGRAM -> new IdentityInput(null, null, null, null, v, null, null, null, null, null);
            case MESSENGER -> new IdentityInput(null, null, null, null, null, v, null, null, null, null);
            case INSTAGRAM -> new IdentityInput(null, null, null, null, null, null, v, null, null, null);
            case CHAT -> new IdentityInput(null, null, null, null, null, null, null, v, null, null);
        };
    }

    private Uni<UUID> create(String tenant, Line line, Actor actor) {
        ImportedCustomer in = line.in();
        Customer c = new Customer();
        c.id = UUID.randomUUID();
        c.tenant = tenant;
        c.externalId = in.externalId();
        c.name = in.name();
        c.language = in.language();
        c.tags = mergeTags(new String[0], in.tags());
        c.createdAt = line.createdAt();
        c.updatedAt = CustomerService.now();
        if (line.lifecycle() != null) {
            c.lifecycle = line.lifecycle();
            c.churnedOn = line.churnedOn();
        }
        List<CustomerIdentity> identities = line.ids().stream().map(id -> CustomerService.identity(tenant, c, id)).toList();
        // none of them is held by anyone (else that customer was found); one taken meanwhile fails at commit and the line runs again
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("identities", line.ids().stream().map(Identities.Id::toString).toList());
        detail.put("createdAt", c.createdAt.toString());
        detail.put("lifecycle", c.lifecycle);
        detail.put("churnedOn", c.churnedOn == null ? null : c.churnedOn.toString());
        return customers.persist(c)
                .flatMap(v -> Panache.getSession().flatMap(s -> s.persistAll(identities.toArray())))
                .flatMap(v -> audit.record(tenant, null, c.id, actor, "customer.imported", detail))
                .flatMap(v -> event(tenant, TicketEvents.CUSTOMER_CREATED, c, new CustomerCreated(EventData.customer(c, identities))))
                .flatMap(v -> customers.flush())
                .replaceWith(c.id);
    }

    private Uni<UUID> update(String tenant, Customer c, Line line, Actor actor) {
        ImportedCustomer in = line.in();
        if (in.externalId() != null && c.externalId != null && !c.externalId.equals(in.externalId())) {
            return Uni.createFrom().failure(ProblemException.conflict("external-id-mismatch", "An identity of this line belongs to the customer "
                    + c.id + " whose externalId is " + c.externalId + ", not " + in.externalId() + "."));
        }
        return identitiesOf(c).flatMap(known -> added(tenant, c, known, line.ids()).flatMap(fresh -> {
            Map<String, Object> changes = new LinkedHashMap<>();
            String name = null;
            String language = null;
            List<String> tags = null;
            Lifecycle lifecycle = null;
            LocalDate churnedOn = null;
            if (in.externalId() != null && c.externalId == null) {
                changes.put("externalId", c.externalId = in.externalId());
            }
            if (in.name() != null && !in.name().equals(c.name)) {
                changes.put("name", c.name = name = in.name());
            }
            if (in.language() != null && !in.language().equals(c.language)) {
                changes.put("language", c.language = language = in.language());
            }
            String[] merged = mergeTags(c.tags, in.tags());
            if (merged.length != c.tags.length) {
                c.tags = merged;
                changes.put("tags", tags = List.of(merged));
            }
            if (line.createdAt().isBefore(c.createdAt)) {
                changes.put("createdAt", (c.createdAt = line.createdAt()).toString());
            }
            boolean churned = false;
            if (line.lifecycle() != null && line.lifecycle() != c.lifecycle) {
                churned = line.lifecycle() == Lifecycle.CHURNED;
                changes.put("lifecycle", c.lifecycle = lifecycle = line.lifecycle());
            }
            if (!java.util.Objects.equals(line.lifecycle() == null ? c.churnedOn : line.churnedOn(), c.churnedOn)) {
                c.churnedOn = churnedOn = line.churnedOn();
                changes.put("churnedOn", churnedOn == null ? null : churnedOn.toString());
            }
            List<String> identitiesAdded = fresh.stream().map(i -> i.type + ":" + i.value).toList();
            if (!identitiesAdded.isEmpty()) {
                changes.put("identitiesAdded", identitiesAdded);
            }
            if (changes.isEmpty()) {
                return Uni.createFrom().item(c.id); // the line again, as an interrupted import runs twice: nothing to say
            }
            c.updatedAt = CustomerService.now();
            List<CustomerIdentity> all = new ArrayList<>(known);
            all.addAll(fresh.stream().filter(f -> !all.contains(f)).toList());
            var event = new CustomerUpdated(EventData.customer(c, all), new CustomerUpdated.Changes(name, language, null, null, tags, null,
                    EventData.lifecycle(lifecycle), churnedOn, identitiesAdded.isEmpty() ? null : identitiesAdded));
            EventType<CustomerUpdated> type = churned ? TicketEvents.CUSTOMER_CHURNED : TicketEvents.CUSTOMER_UPDATED;
            return audit.record(tenant, null, c.id, actor, "customer.imported", changes)
                    .flatMap(v -> event(tenant, type, c, event))
                    .flatMap(v -> customers.flush())
                    .replaceWith(c.id);
        }));
    }

    /**
     * The line's identities this customer does not hold yet, now held: a claim it made unverified is
     * verified (the integrator vouches for it); one another customer holds fails the line.
     */
    private Uni<List<CustomerIdentity>> added(String tenant, Customer c, List<CustomerIdentity> known, List<Identities.Id> ids) {
        Uni<List<CustomerIdentity>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Identities.Id id : ids) {
            CustomerIdentity mine = known.stream().filter(k -> k.type == id.type() && k.value.equals(id.value())).findFirst().orElse(null);
            if (mine != null && mine.verified) {
                continue;
            }
            chain = chain.flatMap(list -> customers.findByIdentity(tenant, id.type(), id.value()).flatMap(holder -> {
                if (holder != null) {
                    return Uni.createFrom().failure(ProblemException.conflict("identity-taken",
                            "The identity " + id + " belongs to another customer, " + holder.id + "."));
                }
                if (mine != null) {
                    mine.verified = true;
                    list.add(mine);
                    return Uni.createFrom().item(list);
                }
                CustomerIdentity identity = CustomerService.identity(tenant, c, id);
                return Panache.getSession().flatMap(s -> s.persist(identity)).map(v -> {
                    list.add(identity);
                    return list;
                });
            }));
        }
        return chain;
    }

    /** The survivor a merged profile points to (merges never chain: a survivor is never merged itself). */
    private Uni<Customer> survivor(String tenant, Customer c) {
        return c.mergedInto == null ? Uni.createFrom().item(c) : customers.findInTenant(tenant, c.mergedInto);
    }

    private Uni<Customer> findFirst(String tenant, List<Identities.Id> ids, int from) {
        if (from >= ids.size()) {
            return Uni.createFrom().nullItem();
        }
        Identities.Id id = ids.get(from);
        return customers.findByIdentity(tenant, id.type(), id.value())
                .flatMap(c -> c != null ? survivor(tenant, c) : findFirst(tenant, ids, from + 1));
    }

    private static Uni<List<CustomerIdentity>> identitiesOf(Customer c) {
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(
                "from CustomerIdentity where customer.id = ?1 order by type, value", CustomerIdentity.class)
                .setParameter(1, c.id).getResultList());
    }

    /** The tags held, then the line's new ones, in order; more than {@link #MAX_TAGS} together is refused. */
    static String[] mergeTags(String[] held, List<String> given) {
        Set<String> tags = new LinkedHashSet<>(List.of(held));
        if (given != null) {
            given.forEach(t -> tags.add(t.strip()));
        }
        if (tags.size() > MAX_TAGS) {
            throw new ProblemException(422, "too-many-tags", "Unprocessable content",
                    "A customer keeps at most " + MAX_TAGS + " tags; with this line's they would be " + tags.size() + ".",
                    List.of(new Problem.FieldError("tags", "at most " + MAX_TAGS + " together with the customer's tags")));
        }
        return tags.toArray(String[]::new);
    }

    private <T> Uni<Void> event(String tenant, EventType<T> type, Customer c, T data) {
        return outbox.append(tenant, type, c.id.toString(), data).replaceWithVoid();
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid customer", field + " " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
