package io.pharos.channel.domain;

/** A request that no retry can deliver (no address, no adapter): reported failed with this reason, not retried. */
public final class Undeliverable extends RuntimeException {

    public Undeliverable(String reason) {
        super(reason, null, false, false);
    }
}
