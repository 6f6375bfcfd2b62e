package io.pharos.channel.domain;

/**
 * A request that no retry can deliver (no address, no adapter, a provider that refused it): reported
 * failed with this reason, and the provider's own error code when it gave one; not retried.
 */
public final class Undeliverable extends RuntimeException {

    private final String code;

    public Undeliverable(String reason) {
        this(reason, null);
    }

    public Undeliverable(String reason, String code) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** The provider's error code (Graph {@code error.code}, Twilio {@code code}, Telegram {@code error_code}), or null. */
    public String code() {
        return code;
    }
}
