package io.pharos.attachments;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The S3 API the attachment store talks to ({@code pharos.attachments.s3.*}): AWS S3, or any
 * compatible store (MinIO, Ceph RGW, S3Proxy locally) named by its endpoint.
 */
@ConfigMapping(prefix = "pharos.attachments.s3")
public interface S3Settings {

    /** The API's base URL; absent: AWS S3 in {@link #region()}. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** Bucket in the path rather than the host name: what most S3-compatible stores need. */
    @WithDefault("true")
    boolean pathStyle();

    /** Static credentials; absent: the SDK's default chain (environment, web identity, instance profile). */
    Optional<String> accessKey();

    Optional<String> secretKey();

    /** How long one request may take before it fails (and a caller's retry takes over). */
    @WithDefault("PT60S")
    Duration timeout();

    /** Connections to the store at once. */
    @WithDefault("32")
    int maxConnections();
}
