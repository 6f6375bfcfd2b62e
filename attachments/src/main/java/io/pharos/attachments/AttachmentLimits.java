package io.pharos.attachments;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much a tenant may attach ({@code pharos.attachments.limits.*}), with per-tenant overrides
 * ({@code pharos.attachments.limits.tenants."acme".max-file-bytes}). A prefix of its own: a mapping
 * owning {@code pharos.attachments} would refuse the store's and the links' keys as unknown. Every path a file arrives by
 * (an agent's upload, an email part, a provider's media) checks the same numbers.
 */
@ConfigMapping(prefix = "pharos.attachments.limits")
public interface AttachmentLimits {

    /** One file, in bytes (25 MiB: what the common mail providers accept). */
    @WithDefault("26214400")
    long maxFileBytes();

    /** All files of one message together, in bytes. */
    @WithDefault("52428800")
    long maxMessageBytes();

    /** Files on one message. */
    @WithDefault("20")
    int maxFilesPerMessage();

    Map<String, TenantLimits> tenants();

    /** A tenant's own limits; what it leaves out is the default. */
    interface TenantLimits {
        Optional<Long> maxFileBytes();

        Optional<Long> maxMessageBytes();

        Optional<Integer> maxFilesPerMessage();
    }

    default long maxFileBytes(String tenant) {
        TenantLimits own = tenants().get(tenant);
        return own == null ? maxFileBytes() : own.maxFileBytes().orElse(maxFileBytes());
    }

    default long maxMessageBytes(String tenant) {
        TenantLimits own = tenants().get(tenant);
        return own == null ? maxMessageBytes() : own.maxMessageBytes().orElse(maxMessageBytes());
    }

    default int maxFilesPerMessage(String tenant) {
        TenantLimits own = tenants().get(tenant);
        return own == null ? maxFilesPerMessage() : own.maxFilesPerMessage().orElse(maxFilesPerMessage());
    }
}
