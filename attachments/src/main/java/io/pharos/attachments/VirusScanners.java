package io.pharos.attachments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The service's {@link VirusScanner}: clamd when {@code pharos.attachments.clamd.host} is set,
 * otherwise {@link UnscannedFiles}. Decided at startup from runtime configuration, so one image
 * serves both.
 */
@ApplicationScoped
public class VirusScanners {

    @Produces
    @ApplicationScoped
    VirusScanner scanner(ClamdSettings settings) {
        return choose(settings);
    }

    static VirusScanner choose(ClamdSettings settings) {
        return settings.host().filter(host -> !host.isBlank()).isPresent()
                ? new ClamdScanner(settings, Infrastructure.getDefaultWorkerPool())
                : new UnscannedFiles();
    }
}
