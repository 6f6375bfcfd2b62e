package io.pharos.channel.graphql;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.channel.api.ChannelDto;
import io.pharos.channel.api.ChannelInput;
import io.pharos.channel.model.ChannelType;

/**
 * The channel types of the GraphQL edge. REST keeps settings and templates as JSON objects; GraphQL
 * has no map type, and SmallRye's own rendering of one (`Entry_String_String`) has neither a
 * proper name nor descriptions, so here they are lists of named {@link Setting}s.
 */
final class ChannelNodes {

    private ChannelNodes() {
    }

    @Type("Setting")
    @Input("SettingInput")
    @Description("One named value: a provider setting, a secret, or a receipt text for a language")
    public record Setting(
            @Description("Name, e.g. imapHost or a language code") @NonNull @NotBlank @Size(max = 100) String key,
            @Description("Value") @NonNull @Size(max = 10_000) String value) {

        static List<Setting> of(Map<String, String> map) {
            return map == null ? List.of() : map.entrySet().stream().map(e -> new Setting(e.getKey(), e.getValue())).toList();
        }

        static Map<String, String> toMap(List<Setting> list) {
            if (list == null) {
                return null;
            }
            Map<String, String> map = new LinkedHashMap<>();
            list.forEach(s -> map.put(s.key(), s.value()));
            return map;
        }
    }

    @Name("ChannelConfiguration") // "Channel" is ticket-service's enum of channel kinds
    @Description("A channel of the tenant as configured: its address, settings (no secrets) and the webhook providers call")
    public record Channel(
            @Description("Channel id, used in webhook paths") @NonNull String id,
            @Description("Kind of channel") @NonNull ChannelType type,
            @Description("Name shown to agents") String name,
            @Description("The channel's own address: mailbox, phone number, page") String address,
            @Description("Provider settings (not secret)") @NonNull List<@NonNull Setting> settings,
            @Description("Names of the secrets that are set (their values are never returned)") List<String> secretsSet,
            @Description("Receipt texts per language ({number}, {due} are filled in)") @NonNull List<@NonNull Setting> ackTemplates,
            @Description("Whether it takes and sends messages") boolean enabled,
            @Description("Path on channel-gateway the provider calls") String webhookPath,
            @Description("When it was added") Instant createdAt,
            @Description("When it last changed") Instant updatedAt) {

        static Channel of(ChannelDto c) {
            return c == null ? null : new Channel(c.id(), c.type(), c.name(), c.address(), Setting.of(c.settings()), c.secretsSet(),
                    Setting.of(c.ackTemplates()), c.enabled(), c.webhookPath(), c.createdAt(), c.updatedAt());
        }
    }

    @Input("ChannelInput")
    @Description("A channel to add or replace: type, address, settings and secrets (stored encrypted, never shown again)")
    public record ChannelIn(
            @Description("Channel id, used in webhook paths") @NonNull @NotBlank
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}", message = "lower-case letters, digits and dashes, 3 to 64") String id,
            @Description("Kind of channel") @NonNull @NotNull ChannelType type,
            @Description("Name shown to agents") @NonNull @NotBlank @Size(max = 200) String name,
            @Description("The channel's own address: mailbox, phone number, page") @Size(max = 320) String address,
            @Description("Non-secret settings, e.g. imapHost, imapPort, imapUser, phoneNumberId, businessAccountId, accountSid") List<@Valid Setting> settings,
            @Description("Write-only secrets, e.g. webhookSecret, imapPassword, accessToken, authToken, botToken") List<@Valid Setting> secrets,
            @Description("Receipt texts per language ({number}, {due} are filled in)") List<@Valid Setting> ackTemplates,
            @Description("Whether it takes and sends messages") Boolean enabled) {

        ChannelInput toInput() {
            return new ChannelInput(id, type, name, address, Setting.toMap(settings), Setting.toMap(secrets), Setting.toMap(ackTemplates),
                    enabled);
        }
    }
}
