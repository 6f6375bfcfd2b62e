package io.pharos.channel.api;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

import io.pharos.channel.model.ChannelType;

/**
 * A channel as an admin configures it. {@code secrets} (webhook secret, IMAP password, provider
 * tokens) are write-only: stored encrypted, never returned; on an update only the secrets named
 * are replaced. {@code ackTemplates}: the acknowledgement per language ({@code {due}} is replaced
 * by the promised reply time).
 */
@Input("ChannelInput")
public record ChannelInput(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}", message = "lower-case letters, digits and dashes, 3 to 64") String id,
        @NotNull ChannelType type,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 320) String address,
        @Description("Non-secret settings, e.g. imapHost, imapPort, imapUser, phoneNumberId, accountSid") Map<String, String> settings,
        @Description("Write-only secrets, e.g. webhookSecret, imapPassword, accessToken, authToken, botToken") Map<String, String> secrets,
        Map<String, String> ackTemplates,
        Boolean enabled) {
}
