package io.pharos.analytics.service.projection;

/** The groups of data points whose channel, team or agent nobody told (yet). */
final class Groups {

    static final String UNKNOWN_CHANNEL = "unknown", NO_TEAM = "none", UNASSIGNED = "unassigned";

    private Groups() {
    }

    static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
