package io.pharos.channel.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

import io.pharos.channel.model.ChannelType;

/** A channel as reads show it: which secrets are set, never their values. */
@Name("ChannelConfiguration") // "Channel" is ticket-service's enum of channel kinds
public record ChannelDto(String id, ChannelType type, String name, String address, Map<String, String> settings,
        @Description("Names of the secrets that are set (their values are never returned)") List<String> secretsSet,
        Map<String, String> ackTemplates, boolean enabled, String webhookPath, Instant createdAt, Instant updatedAt) {
}
