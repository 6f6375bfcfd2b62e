package io.pharos.channel.service.channels;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.api.ChannelDto;
import io.pharos.channel.api.ChannelInput;
import io.pharos.channel.domain.ChannelConfig;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.ChannelRepository;
import io.pharos.channel.service.security.OutboundGuard;
import io.pharos.commons.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Channel configuration for admins: secrets go in encrypted and never come out. Hosts and URLs a
 * channel would connect to are checked ({@link OutboundGuard}) before anything is stored, and the
 * pollers hear of every committed change ({@link ChannelChanged}).
 */
@ApplicationScoped
public class ChannelAdmin {

    private final ChannelRepository channels;
    private final SecretBox box;
    private final ObjectMapper json;
    private final OutboundGuard outbound;
    private final Event<ChannelChanged> changed;

    public ChannelAdmin(ChannelRepository channels, SecretBox box, ObjectMapper json, OutboundGuard outbound, Event<ChannelChanged> changed) {
        this.channels = channels;
        this.box = box;
        this.json = json;
        this.outbound = outbound;
        this.changed = changed;
    }

    @WithSession
    public Uni<List<ChannelDto>> list(String tenant) {
        return channels.list("tenant = ?1 order by id", tenant).map(l -> l.stream().map(this::toDto).toList());
    }

    @WithSession
    public Uni<ChannelDto> get(String tenant, String id) {
        return load(tenant, id).map(this::toDto);
    }

    public Uni<ChannelDto> create(String tenant, ChannelInput in) {
        return checkOutbound(in).flatMap(v -> Panache.withTransaction(() -> channels.findById(in.id()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("channel-exists", "A channel with id " + in.id() + " exists."));
            }
            ChannelConfig c = new ChannelConfig();
            c.id = in.id();
            c.tenant = tenant;
            c.createdAt = now();
            c.secrets = box.seal(write(Map.of()));
            apply(c, in);
            return channels.persist(c);
        }).map(this::toDto))).invoke(c -> changed.fire(new ChannelChanged(c.id())));
    }

    public Uni<ChannelDto> update(String tenant, String id, ChannelInput in) {
        if (!id.equals(in.id())) {
            return Uni.createFrom().failure(ProblemException.badRequest("id-mismatch", "The id in the body must be the channel's."));
        }
        return checkOutbound(in).flatMap(v -> Panache.withTransaction(() -> load(tenant, id).invoke(c -> apply(c, in))
                .call(c -> channels.flush()).map(this::toDto))).invoke(c -> changed.fire(new ChannelChanged(c.id())));
    }

    /** The destination check resolves DNS, so it runs on a worker and answers on the caller's (event-loop) context. */
    private Uni<Void> checkOutbound(ChannelInput in) {
        try {
            if (OutboundSettings.of(in.settings()).isEmpty()) {
                return Uni.createFrom().voidItem();
            }
        } catch (ProblemException e) { // a port or URL that is not one
            return Uni.createFrom().failure(e);
        }
        Context context = Vertx.currentContext();
        Uni<Void> check = Uni.createFrom().<Void>item(() -> {
            OutboundSettings.check(outbound, in.settings());
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? check : check.emitOn(r -> context.runOnContext(x -> r.run()));
    }

    private void apply(ChannelConfig c, ChannelInput in) {
        if (c.type != null && c.type != in.type()) {
            throw ProblemException.badRequest("type-change", "A channel keeps its type; add a new channel instead.");
        }
        if (in.type() == ChannelType.EMAIL && (in.address() == null || !in.address().contains("@"))) {
            throw ProblemException.badRequest("email-address-required", "An email channel needs its address (the mailbox customers write to).");
        }
        c.type = in.type();
        c.name = in.name().strip();
        c.address = in.address();
        c.settings = write(in.settings() == null ? Map.of() : in.settings());
        Map<String, String> secrets = new LinkedHashMap<>(read(box.open(c.secrets)));
        if (in.secrets() != null) {
            in.secrets().forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    secrets.remove(k);
                } else {
                    secrets.put(k, v);
                }
            });
        }
        c.secrets = box.seal(write(secrets));
        c.ackTemplates = write(in.ackTemplates() == null ? Map.of() : in.ackTemplates());
        c.enabled = in.enabled() == null || in.enabled();
        c.updatedAt = now();
    }

    private Uni<ChannelConfig> load(String tenant, String id) {
        return channels.findById(id).map(c -> {
            if (c == null || !c.tenant.equals(tenant)) {
                throw ProblemException.notFound("Channel", id);
            }
            return c;
        });
    }

    ChannelDto toDto(ChannelConfig c) {
        return new ChannelDto(c.id, c.type, c.name, c.address, read(c.settings), read(box.open(c.secrets)).keySet().stream().sorted().toList(),
                read(c.ackTemplates), c.enabled, webhookPath(c), c.createdAt, c.updatedAt);
    }

    static String webhookPath(ChannelConfig c) {
        return switch (c.type) {
            case EMAIL -> "/webhooks/email/" + c.id;
            case WHATSAPP, MESSENGER, INSTAGRAM -> "/webhooks/meta/" + c.id;
            case SMS -> "/webhooks/twilio/" + c.id;
            case TELEGRAM -> "/webhooks/telegram/" + c.id;
            case PHONE -> "/webhooks/voice/" + c.id;
            case FORM -> "/api/v1/forms/" + c.id + "/submissions";
            case CHAT -> "/chat/" + c.id;
        };
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
