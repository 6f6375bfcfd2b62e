package io.pharos.commons.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.contracts.CloudEvent;

/** Wraps event data in the CloudEvents envelope every Pharos event travels in, with this service as source. */
@ApplicationScoped
public class Envelopes {

    private final String source;

    public Envelopes(@ConfigProperty(name = "quarkus.application.name") String application) {
        this.source = "//pharos/" + application;
    }

    /**
     * A CloudEvent 1.0 in structured JSON form, with the tenant as extension and the aggregate id as
     * subject; marked {@code historical} when an import of history writes it ({@link History}).
     */
    public CloudEvent<Object> envelope(UUID id, Instant time, String tenant, String type, String key, Object data) {
        return new CloudEvent<>(CloudEvent.SPEC_VERSION, id, source, type, key, time, CloudEvent.CONTENT_TYPE, tenant,
                History.isHistorical() ? Boolean.TRUE : null, data);
    }
}
