package io.pharos.channel.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.channel.model.TemplateCategory;
import io.pharos.channel.model.TemplateStatus;

/** A WhatsApp message template of a channel and where Meta's review stands. */
@Type("WhatsAppTemplate")
@Description("A WhatsApp message template of a channel and where Meta's review of it stands")
public record TemplateDto(
        @Description("Template id in Pharos") @NonNull UUID id,
        @Description("The WhatsApp channel it belongs to") @NonNull String channelId,
        @Description("Name") @NonNull String name,
        @Description("Language code: el, en, en_US …") @NonNull String language,
        @Description("Category") @NonNull TemplateCategory category,
        @Description("Header text, if any") String headerText,
        @Description("Body text with {{1}}, {{2}} … variables") @NonNull String bodyText,
        @Description("An example value for each body variable, in order") @NonNull List<@NonNull String> bodyExamples,
        @Description("Footer text, if any") String footerText,
        @Description("Buttons") @NonNull List<@NonNull TemplateButton> buttons,
        @Description("Review status") @NonNull TemplateStatus status,
        @Description("Why Meta rejected it, as Meta says") String rejectedReason,
        @Description("Meta's template id, once submitted") String providerId,
        @Description("When it was added") Instant createdAt,
        @Description("When it last changed") Instant updatedAt) {
}
