package io.pharos.analytics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** analytics-service settings ({@code pharos.analytics.*}); the schedules themselves are read by {@code @Scheduled}. */
@ConfigMapping(prefix = "pharos.analytics")
public interface AnalyticsConfig {

    /** The Keycloak realm whose supervisors receive the digest. */
    @WithDefault("pharos")
    String realm();

    Digest digest();

    Gauges gauges();

    interface Digest {
        /** Cron of the digest run, or {@code off}. */
        String cron();

        /** The period each digest covers, ending at the tenant's last local midnight. */
        @WithDefault("P7D")
        Duration period();
    }

    interface Gauges {
        /** How often the platform gauges are recomputed, or {@code off}. */
        String refresh();
    }
}
