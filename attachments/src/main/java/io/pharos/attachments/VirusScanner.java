package io.pharos.attachments;

import io.pharos.contracts.channel.VirusScan;
import io.smallrye.mutiny.Uni;

/** Asks a virus scanner about content before it is offered to anyone; without one configured, every file is {@code NOT_SCANNED}. */
public interface VirusScanner {

    Uni<VirusScan> scan(byte[] content);
}
