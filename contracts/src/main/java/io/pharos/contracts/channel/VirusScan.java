package io.pharos.contracts.channel;

import io.pharos.contracts.Nullable;

/**
 * What the virus scanner (clamd, when one is configured) said of a stored file.
 *
 * @param signature the scanner's name for what it found, when {@code INFECTED}
 */
public record VirusScan(Verdict verdict, @Nullable String signature) {

    public static final VirusScan NOT_SCANNED = new VirusScan(Verdict.NOT_SCANNED, null);

    public enum Verdict {
        /** No scanner is configured. */
        NOT_SCANNED,
        CLEAN,
        /** Kept, never served. */
        INFECTED,
        /** The scanner could not be asked or did not answer; the file is served as unscanned. */
        FAILED
    }
}
