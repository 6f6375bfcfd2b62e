package io.pharos.channel.model;

import java.util.Map;

/**
 * A tenant's channel as the adapters use it: its address, settings and secrets (decrypted, in
 * memory only) and the receipt texts per language.
 */
public record ChannelAccount(String id, String tenant, ChannelType type, String name, String address, Map<String, String> settings,
        Map<String, String> secrets, Map<String, String> ackTemplates, boolean enabled) {

    public String secret(String name) {
        return secrets.get(name);
    }

    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }
}
