package io.pharos.channel.service.templates;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.channel.api.TemplateDto;
import io.pharos.channel.api.TemplateInput;
import io.pharos.channel.client.MetaTemplates;
import io.pharos.channel.domain.Undeliverable;
import io.pharos.channel.domain.WhatsAppTemplate;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.model.TemplateStatus;
import io.pharos.channel.repository.TemplateRepository;
import io.pharos.channel.service.channels.Channels;
import io.pharos.commons.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * WhatsApp message templates of a tenant's WhatsApp channels, for admins: written here as DRAFT,
 * submitted to Meta for review, their status kept in step with Meta's (sync, status webhook). A
 * template under review or approved is not edited here (Meta reviews what it was sent).
 */
@ApplicationScoped
public class WhatsAppTemplates {

    private final TemplateRepository templates;
    private final Channels channels;
    private final MetaTemplates meta;
    private final TemplateMapper mapper;

    public WhatsAppTemplates(TemplateRepository templates, Channels channels, MetaTemplates meta, TemplateMapper mapper) {
        this.templates = templates;
        this.channels = channels;
        this.meta = meta;
        this.mapper = mapper;
    }

    @WithSession
    public Uni<List<TemplateDto>> list(String tenant, String channelId) {
        return channel(tenant, channelId).flatMap(c -> templates.ofChannel(c.id())).map(l -> l.stream().map(mapper::toDto).toList());
    }

    @WithSession
    public Uni<TemplateDto> get(String tenant, String channelId, UUID id) {
        return channel(tenant, channelId).flatMap(c -> load(c, id)).map(mapper::toDto);
    }

    public Uni<TemplateDto> create(String tenant, String channelId, TemplateInput in) {
        checkRules(in);
        return Panache.withTransaction(() -> channel(tenant, channelId).flatMap(c -> templates.byName(c.id(), in.name(), in.language())
                .flatMap(existing -> {
                    if (existing != null) {
                        throw exists(in);
                    }
                    WhatsAppTemplate t = new WhatsAppTemplate();
                    t.id = UUID.randomUUID();
                    t.tenant = tenant;
                    t.channelId = c.id();
                    t.status = TemplateStatus.DRAFT;
                    t.createdAt = now();
                    mapper.apply(t, in);
                    t.updatedAt = t.createdAt;
                    return templates.persist(t);
                }))).map(mapper::toDto);
    }

    public Uni<TemplateDto> update(String tenant, String channelId, UUID id, TemplateInput in) {
        checkRules(in);
        return Panache.withTransaction(() -> channel(tenant, channelId).flatMap(c -> load(c, id)
                .call(t -> templates.byName(c.id(), in.name(), in.language()).invoke(other -> {
                    if (other != null && !other.id.equals(t.id)) {
                        throw exists(in);
                    }
                }))
                .invoke(t -> {
                    editable(t);
                    mapper.apply(t, in);
                    t.status = TemplateStatus.DRAFT; // a rejected template, changed, is a draft to submit again
                    t.rejectedReason = null;
                    t.updatedAt = now();
                }).call(t -> templates.flush()))).map(mapper::toDto);
    }

    /** Removes the template here and, once submitted, at Meta too (so it is not sent under its name from elsewhere). */
    public Uni<Void> delete(String tenant, String channelId, UUID id) {
        return Panache.withSession(() -> channel(tenant, channelId).flatMap(c -> load(c, id).flatMap(t -> t.providerId == null
                ? Uni.createFrom().voidItem()
                : meta.delete(c, t.name, t.providerId).onFailure().transform(WhatsAppTemplates::providerProblem))))
                .flatMap(v -> Panache.withTransaction(() -> templates.deleteById(id))).replaceWithVoid();
    }

    /** Sends a DRAFT (or REJECTED) template to Meta for review: PENDING with Meta's id, or as Meta answered. */
    public Uni<TemplateDto> submit(String tenant, String channelId, UUID id) {
        return Panache.withSession(() -> channel(tenant, channelId).flatMap(c -> load(c, id).flatMap(t -> {
            editable(t);
            requireAccount(c);
            return meta.submit(c, TemplateRules.submission(mapper.json(), mapper.toInput(t))).onFailure()
                    .transform(WhatsAppTemplates::providerProblem);
        }))).flatMap(answer -> Panache.withTransaction(() -> templates.findById(id).invoke(t -> {
            t.providerId = answer.path("id").asText(t.providerId);
            TemplateStatus status = TemplateStatus.ofMeta(answer.path("status").asText(null));
            t.status = status == null ? TemplateStatus.PENDING : status;
            t.rejectedReason = null;
            t.updatedAt = now();
        }))).map(mapper::toDto);
    }

    /** Reads every template of the channel's WhatsApp Business Account from Meta and takes over the status and reason of ours. */
    public Uni<List<TemplateDto>> sync(String tenant, String channelId) {
        return Panache.withSession(() -> channel(tenant, channelId)).flatMap(c -> {
            requireAccount(c);
            return meta.list(c).onFailure().transform(WhatsAppTemplates::providerProblem)
                    .flatMap(listed -> Panache.withTransaction(() -> templates.ofChannel(c.id()).invoke(mine -> {
                        for (MetaTemplates.Listed l : listed) {
                            mine.stream().filter(t -> l.id() != null && l.id().equals(t.providerId)
                                    || t.name.equals(l.name()) && t.language.equals(l.language())).findFirst().ifPresent(t -> {
                                        TemplateStatus status = TemplateStatus.ofMeta(l.status());
                                        if (status != null) {
                                            t.status = status;
                                        }
                                        t.providerId = l.id() != null ? l.id() : t.providerId;
                                        t.rejectedReason = status == TemplateStatus.REJECTED ? l.rejectedReason() : null;
                                        t.updatedAt = now();
                                    });
                        }
                    })));
        }).map(l -> l.stream().map(mapper::toDto).toList());
    }

    private static void checkRules(TemplateInput in) {
        List<String> problems = TemplateRules.problems(in);
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable("invalid-template", String.join("; ", problems));
        }
    }

    private static void editable(WhatsAppTemplate t) {
        if (t.status != TemplateStatus.DRAFT && t.status != TemplateStatus.REJECTED) {
            throw ProblemException.conflict("template-not-editable",
                    "The template is " + t.status + " at Meta; only a draft or a rejected template is changed or submitted.");
        }
    }

    private static void requireAccount(ChannelAccount c) {
        if (c.setting("businessAccountId", "").isBlank()) {
            throw ProblemException.unprocessable("missing-business-account",
                    "The channel has no businessAccountId setting (its WhatsApp Business Account id), which Meta keeps templates under.");
        }
    }

    private static ProblemException exists(TemplateInput in) {
        return ProblemException.conflict("template-exists", "The channel has a template " + in.name() + " in " + in.language() + ".");
    }

    /** Meta's refusal is the admin's to fix (422, Meta's words); Meta out of reach is a 502. */
    private static Throwable providerProblem(Throwable e) {
        if (e instanceof ProblemException) {
            return e;
        }
        if (e instanceof Undeliverable u) {
            return new ProblemException(422, "provider-refused", "Meta refused the request",
                    u.getMessage() + (u.code() == null ? "" : " (code " + u.code() + ")"));
        }
        return new ProblemException(502, "provider-unavailable", "Meta could not be reached", "Meta's API did not answer; try again later.");
    }

    /** A WhatsApp channel of the tenant; another tenant's channel is not found. */
    private Uni<ChannelAccount> channel(String tenant, String channelId) {
        return channels.get(channelId).map(c -> {
            if (c == null || !c.tenant().equals(tenant)) {
                throw ProblemException.notFound("Channel", channelId);
            }
            if (c.type() != ChannelType.WHATSAPP) {
                throw ProblemException.unprocessable("not-whatsapp", "Message templates belong to WhatsApp channels.");
            }
            return c;
        });
    }

    private Uni<WhatsAppTemplate> load(ChannelAccount c, UUID id) {
        return templates.findById(id).map(t -> {
            if (t == null || !t.channelId.equals(c.id())) {
                throw ProblemException.notFound("Template", id);
            }
            return t;
        });
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
