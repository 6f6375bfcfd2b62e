package io.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The CloudEvents 1.0 envelope, structured JSON mode, as every Pharos event travels: the tenant is
 * an extension attribute, the subject is the aggregate id (also the Kafka key). The extension
 * attribute {@code historical} is {@code true} on events an import of history produced (absent on
 * live events): consumers project them like any other and never react to them with live
 * behaviour (no survey invitation, acknowledgement, notification, routing or SLA alert).
 */
public record CloudEvent<T>(String specversion, UUID id, String source, String type, String subject, Instant time,
        String datacontenttype, String tenant, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean historical, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    /** A live event (no {@code historical} attribute). */
    public CloudEvent(String specversion, UUID id, String source, String type, String subject, Instant time, String datacontenttype,
            String tenant, T data) {
        this(specversion, id, source, type, subject, time, datacontenttype, tenant, null, data);
    }

    public static <T> CloudEvent<T> of(UUID id, String source, EventType<T> type, String subject, Instant time, String tenant,
            T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type.name(), subject, time, CONTENT_TYPE, tenant, data);
    }

    /** Whether an import of history produced this event. */
    public boolean isHistorical() {
        return Boolean.TRUE.equals(historical);
    }
}
