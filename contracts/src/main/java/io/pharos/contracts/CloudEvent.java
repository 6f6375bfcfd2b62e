package io.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents 1.0 envelope, structured JSON mode, as every Pharos event travels: the tenant is
 * an extension attribute, the subject is the aggregate id (also the Kafka key).
 */
public record CloudEvent<T>(String specversion, UUID id, String source, String type, String subject, Instant time,
        String datacontenttype, String tenant, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static <T> CloudEvent<T> of(UUID id, String source, EventType<T> type, String subject, Instant time, String tenant,
            T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type.name(), subject, time, CONTENT_TYPE, tenant, data);
    }
}
