package io.pharos.attachments;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The clamd a service asks about every stored file ({@code pharos.attachments.clamd.*}); without a
 * host no scanner is asked and files stay {@code NOT_SCANNED}.
 */
@ConfigMapping(prefix = "pharos.attachments.clamd")
public interface ClamdSettings {

    /** clamd's TCP address ({@code TCPSocket}/{@code TCPAddr} in clamd.conf); absent: no scanning. */
    Optional<String> host();

    @WithDefault("3310")
    int port();

    /** How long connecting may take. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** How long one scan may take from connecting to the verdict (a 25 MiB file scans in a few seconds). */
    @WithDefault("PT60S")
    Duration timeout();

    /**
     * Bytes per INSTREAM chunk; clamd refuses a stream longer than its {@code StreamMaxLength}
     * (25 MiB by default), which must be at least the largest file a tenant may attach.
     */
    @WithDefault("65536")
    int chunkBytes();
}
