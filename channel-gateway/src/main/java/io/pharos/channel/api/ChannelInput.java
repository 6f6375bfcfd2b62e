package io.pharos.channel.api;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;

import io.pharos.channel.model.ChannelType;

/**
 * A channel as an admin configures it. {@code secrets} (webhook secret, IMAP password, provider
 * tokens) are write-only: stored encrypted, never returned; on an update only the secrets named
 * are replaced. {@code ackTemplates}: the acknowledgement per language ({@code {due}} is replaced
 * by the promised reply time).
 */
@Description("A channel to add or replace: type, address, settings and secrets (stored encrypted, never shown again)")
public record ChannelInput(
        @Description("Channel id, used in webhook paths") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}", message = "lower-case letters, digits and dashes, 3 to 64") String id,
        @Description("Kind of channel") @NotNull ChannelType type,
        @Description("Name shown to agents") @NotBlank @Size(max = 200) String name,
        @Description("The channel's own address: mailbox, phone number, page") @Size(max = 320) String address,
        @Description("Non-secret settings, e.g. imapHost, imapPort, imapUser, phoneNumberId, businessAccountId, accountSid") Map<String, String> settings,
        @Description("Write-only secrets, e.g. webhookSecret, imapPassword, accessToken, authToken, botToken") Map<String, String> secrets,
        @Description("Receipt texts per language ({number}, {due} are filled in)") Map<String, String> ackTemplates,
        @Description("Whether it takes and sends messages") Boolean enabled) {
}
