package io.pharos.attachments;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.contracts.channel.VirusScan;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** The scanner when none is configured: every file is kept as {@code NOT_SCANNED}. */
@ApplicationScoped
@DefaultBean
public class UnscannedFiles implements VirusScanner {

    @Override
    public Uni<VirusScan> scan(byte[] content) {
        return Uni.createFrom().item(VirusScan.NOT_SCANNED);
    }
}
