package io.pharos.ticket.service.routing;

import io.pharos.ticket.service.TimeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.RoutingRuleDto;
import io.pharos.ticket.api.RoutingRuleInput;
import io.pharos.ticket.domain.Channel;
import io.pharos.ticket.domain.Priority;
import io.pharos.ticket.domain.RoutingRule;
import io.pharos.ticket.repository.RoutingRuleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Routing rules per tenant, tried in order of position. */
@ApplicationScoped
public class RoutingRuleService {

    private final RoutingRuleRepository rules;
    private final TimeSource time;

    public RoutingRuleService(RoutingRuleRepository rules, TimeSource time) {
        this.rules = rules;
        this.time = time;
    }

    @WithSession
    public Uni<List<RoutingRuleDto>> list(String tenant) {
        return rules.ofTenant(tenant).map(l -> l.stream().map(RoutingRuleService::toDto).toList());
    }

    @WithTransaction
    public Uni<RoutingRuleDto> create(String tenant, RoutingRuleInput in) {
        RoutingRule r = new RoutingRule();
        r.id = UUID.randomUUID();
        r.tenant = tenant;
        r.createdAt = time.now();
        return rules.ofTenant(tenant).flatMap(existing -> {
            apply(r, in, existing.stream().mapToInt(x -> x.position).max().orElse(0) + 10);
            return rules.persist(r);
        }).call(rules::flush).map(RoutingRuleService::toDto);
    }

    @WithTransaction
    public Uni<RoutingRuleDto> replace(String tenant, UUID id, RoutingRuleInput in) {
        return load(tenant, id).invoke(r -> apply(r, in, r.position)).call(rules::flush).map(RoutingRuleService::toDto);
    }

    @WithTransaction
    public Uni<Void> delete(String tenant, UUID id) {
        return load(tenant, id).call(rules::delete).replaceWithVoid();
    }

    private Uni<RoutingRule> load(String tenant, UUID id) {
        return rules.findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Routing rule", id));
    }

    private void apply(RoutingRule r, RoutingRuleInput in, int defaultPosition) {
        r.name = in.name().strip();
        r.position = in.position() != null ? in.position() : defaultPosition;
        r.enabled = in.enabled() == null || in.enabled();
        r.channels = in.channels() == null ? new String[0] : in.channels().stream().map(Enum::name).toArray(String[]::new);
        r.languages = lower(in.languages());
        r.priorities = in.priorities() == null ? new String[0] : in.priorities().stream().map(Enum::name).toArray(String[]::new);
        r.tags = lower(in.tags());
        r.customerTags = lower(in.customerTags());
        r.team = in.team().strip();
        r.requiredSkills = lower(in.requiredSkills());
        r.updatedAt = time.now();
    }

    static String[] lower(List<String> values) {
        return values == null ? new String[0] : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    static RoutingRuleDto toDto(RoutingRule r) {
        return new RoutingRuleDto(r.id, r.name, r.position, r.enabled, Arrays.stream(r.channels).map(Channel::valueOf).toList(),
                Arrays.asList(r.languages), Arrays.stream(r.priorities).map(Priority::valueOf).toList(), Arrays.asList(r.tags),
                Arrays.asList(r.customerTags), r.team, Arrays.asList(r.requiredSkills), r.createdAt, r.updatedAt);
    }
}
