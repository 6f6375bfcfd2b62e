package io.pharos.channel.service.channels;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.channel.domain.ChannelConfig;
import io.pharos.channel.model.ChannelAccount;
import io.pharos.channel.model.ChannelType;
import io.pharos.channel.repository.ChannelRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The channels of every tenant, with their secrets decrypted only in memory. With
 * {@code pharos.channels.seed-demo} (the local run and the tests) the {@code acme-*} channels of
 * channel-gateway/README.md exist from the start, each with the webhook secret {@code <id>-secret}.
 */
@ApplicationScoped
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class);

    private final ChannelRepository channels;
    private final SecretBox box;
    private final ObjectMapper json;
    private final boolean seedDemo;
    private final String demoMailHost;

    public Channels(ChannelRepository channels, SecretBox box, ObjectMapper json,
            @ConfigProperty(name = "pharos.channels.seed-demo", defaultValue = "false") boolean seedDemo,
            @ConfigProperty(name = "pharos.channels.demo-mail-host", defaultValue = "localhost") String demoMailHost) {
        this.channels = channels;
        this.box = box;
        this.json = json;
        this.seedDemo = seedDemo;
        this.demoMailHost = demoMailHost;
    }

    @WithSession
    public Uni<ChannelAccount> get(String id) {
        return channels.findById(id).map(c -> c == null ? null : view(c));
    }

    @WithSession
    public Uni<List<ChannelAccount>> enabled(ChannelType type) {
        return channels.enabledOfType(type).map(l -> l.stream().map(this::view).toList());
    }

    @WithSession
    public Uni<List<ChannelAccount>> enabled(String tenant, ChannelType type) {
        return channels.enabledOfType(tenant, type).map(l -> l.stream().map(this::view).toList());
    }

    /** Adds a channel (used by seeding and tests; the admin API builds on it). */
    public Uni<Void> add(String id, String tenant, ChannelType type, String name, String address, Map<String, String> settings,
            Map<String, String> secrets, Map<String, String> ackTemplates) {
        ChannelConfig c = new ChannelConfig();
        c.id = id;
        c.tenant = tenant;
        c.type = type;
        c.name = name;
        c.address = address;
        c.settings = write(settings);
        c.secrets = box.seal(write(secrets));
        c.ackTemplates = write(ackTemplates);
        c.enabled = true;
        c.createdAt = c.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> channels.findById(id)
                .flatMap(existing -> existing != null ? Uni.createFrom().voidItem() : channels.persist(c).replaceWithVoid()));
    }

    /** Adds the channel or brings it to exactly this configuration (the demo channels are configuration as code). */
    Uni<Void> put(String id, String tenant, ChannelType type, String name, String address, Map<String, String> settings,
            Map<String, String> secrets) {
        return Panache.withTransaction(() -> channels.findById(id).flatMap(existing -> {
            if (existing == null) {
                return add(id, tenant, type, name, address, settings, secrets, Map.of());
            }
            existing.tenant = tenant;
            existing.type = type;
            existing.name = name;
            existing.address = address;
            existing.settings = write(settings);
            existing.secrets = box.seal(write(secrets));
            existing.enabled = true;
            existing.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return Uni.createFrom().voidItem();
        }));
    }

    void seed(@Observes StartupEvent start) throws Throwable {
        if (!seedDemo) {
            return;
        }
        VertxContextSupport.subscribeAndAwait(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ChannelType type : ChannelType.values()) {
                String id = "acme-" + type.name().toLowerCase();
                Map<String, String> settings = new LinkedHashMap<>();
                Map<String, String> secrets = new LinkedHashMap<>();
                secrets.put("webhookSecret", id + "-secret");
                String address = null;
                switch (type) { // local stand-ins for the providers' credentials
                    case EMAIL -> {
                        address = "support@acme.test";
                        settings.put("imapHost", demoMailHost);
                        settings.put("imapPort", "3143");
                        settings.put("imapUser", address);
                        secrets.put("imapPassword", address);
                    }
                    case WHATSAPP -> {
                        address = "+302101234567";
                        settings.put("phoneNumberId", "106540352242922");
                        settings.put("businessAccountId", "102290129340398"); // message templates live under it
                        secrets.put("accessToken", id + "-token");
                    }
                    case MESSENGER, INSTAGRAM -> secrets.put("accessToken", id + "-token");
                    case SMS -> { // Twilio signs webhooks with the account's auth token
                        address = "+302101234568";
                        settings.put("accountSid", "ACacme000000000000000000000000000");
                        secrets.put("authToken", id + "-secret");
                    }
                    case TELEGRAM -> secrets.put("botToken", "123456:" + id + "-token");
                    case PHONE -> { // the telephony system serves voicemail recordings behind HTTP Basic
                        secrets.put("recordingUser", "acme-recordings");
                        secrets.put("recordingPassword", id + "-recording");
                    }
                    default -> {
                    }
                }
                String channelAddress = address;
                chain = chain.flatMap(v -> put(id, "acme", type, "Acme " + type.name().toLowerCase(), channelAddress, settings, secrets));
            }
            return chain;
        });
        LOG.info("demo channels acme-* present");
    }

    private ChannelAccount view(ChannelConfig c) {
        return new ChannelAccount(c.id, c.tenant, c.type, c.name, c.address, read(c.settings), read(box.open(c.secrets)),
                read(c.ackTemplates), c.enabled);
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable channel data", e);
        }
    }
}
