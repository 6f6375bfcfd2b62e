package io.pharos.channel.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;

import io.pharos.channel.model.ChannelType;

/** A channel as reads show it: which secrets are set, never their values. */
@Description("A channel of the tenant as configured: its address, settings (no secrets) and the webhook providers call")
public record ChannelDto(
        @Description("Channel id, used in webhook paths") String id,
        @Description("Kind of channel") ChannelType type,
        @Description("Name shown to agents") String name,
        @Description("The channel's own address: mailbox, phone number, page") String address,
        @Description("Provider settings (not secret)") Map<String, String> settings,
        @Description("Names of the secrets that are set (their values are never returned)") List<String> secretsSet,
        @Description("Receipt texts per language ({number}, {due} are filled in)") Map<String, String> ackTemplates,
        @Description("Whether it takes and sends messages") boolean enabled,
        @Description("Path on channel-gateway the provider calls") String webhookPath,
        Instant createdAt,
        Instant updatedAt) {
}
