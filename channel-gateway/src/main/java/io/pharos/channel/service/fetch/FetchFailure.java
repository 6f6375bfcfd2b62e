package io.pharos.channel.service.fetch;

/**
 * Why a file could not be fetched, in words an agent understands ({@code reason}, shown on the
 * attachment), and whether trying again could help: a link that is gone or refused (404, 410,
 * 403), a file over the limits or an address Pharos may not contact is {@code permanent}; a
 * provider that is down, slow or throttling is not.
 */
public class FetchFailure extends RuntimeException {

    private final boolean permanent;
    private final String reason;

    private FetchFailure(boolean permanent, String reason, String detail) {
        super(reason + (detail == null ? "" : " (" + detail + ")"));
        this.permanent = permanent;
        this.reason = reason;
    }

    public static FetchFailure permanent(String reason, String detail) {
        return new FetchFailure(true, reason, detail);
    }

    public static FetchFailure transientFailure(String reason, String detail) {
        return new FetchFailure(false, reason, detail);
    }

    /** A provider's HTTP answer other than success: gone or refused for good, or worth another try. */
    public static FetchFailure ofStatus(String provider, int status) {
        String detail = provider + " answered HTTP " + status;
        return switch (status) {
            case 404, 410 -> permanent("The file is no longer available at " + provider + " (its link expired or it was deleted).", detail);
            case 401, 403 -> permanent(provider + " refused to hand over the file (the channel's credentials may lack access or have expired).",
                    detail);
            case 400 -> permanent(provider + " did not accept the request for the file.", detail);
            default -> transientFailure(provider + " could not hand over the file just now.", detail);
        };
    }

    public boolean permanent() {
        return permanent;
    }

    /** The agent's words, without the technical detail. */
    public String reason() {
        return reason;
    }
}
