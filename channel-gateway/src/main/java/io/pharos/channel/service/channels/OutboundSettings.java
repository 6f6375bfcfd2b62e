package io.pharos.channel.service.channels;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pharos.channel.service.security.OutboundGuard;
import io.pharos.commons.rest.ProblemException;

/**
 * The settings of a channel that make this server connect somewhere: every {@code <x>Host} (with
 * {@code <x>Port}) and every {@code <x>ApiUrl}, {@code <x>ApiBase}, {@code <x>WebhookUrl}. Links
 * only shown to customers ({@code selfServiceUrl}) are not connected to and not checked.
 */
final class OutboundSettings {

    record Target(String setting, String host, int port) {
    }

    private OutboundSettings() {
    }

    static List<Target> of(Map<String, String> settings) {
        List<Target> targets = new ArrayList<>();
        if (settings == null) {
            return targets;
        }
        settings.forEach((key, value) -> {
            String k = key.toLowerCase(Locale.ROOT);
            if (k.endsWith("host") && k.length() > 4) {
                String prefix = key.substring(0, key.length() - 4);
                targets.add(new Target(key, value, port(settings, prefix, defaultPort(prefix, settings))));
            } else if (k.endsWith("apiurl") || k.endsWith("apibase") || k.endsWith("webhookurl")) {
                targets.add(url(key, value));
            }
        });
        return targets;
    }

    /** Refuses (400) the first setting that names a forbidden destination. Blocking: resolves DNS. */
    static void check(OutboundGuard guard, Map<String, String> settings) {
        for (Target t : of(settings)) {
            try {
                guard.check(t.host(), t.port());
            } catch (OutboundGuard.Refused e) {
                throw ProblemException.badRequest("outbound-destination-refused", "Setting " + t.setting() + ": " + e.getMessage()
                        + ". A channel may only connect to public hosts.");
            }
        }
    }

    private static int defaultPort(String prefix, Map<String, String> settings) {
        boolean ssl = Boolean.parseBoolean(settings.getOrDefault(prefix + "Ssl", "false"));
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "imap" -> ssl ? 993 : 143;
            case "smtp" -> ssl ? 465 : 587;
            case "pop3", "pop" -> ssl ? 995 : 110;
            default -> ssl ? 443 : 80;
        };
    }

    private static int port(Map<String, String> settings, String prefix, int fallback) {
        String key = prefix + "Port";
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("invalid-port", "Setting " + key + " must be a TCP port (1 to 65535).");
    }

    private static Target url(String key, String value) {
        try {
            URI uri = new URI(value == null ? "" : value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw ProblemException.badRequest("invalid-url", "Setting " + key + " must be an http(s) URL with a host.");
            }
            return new Target(key, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("invalid-url", "Setting " + key + " must be an http(s) URL with a host.");
        }
    }
}
