package io.pharos.channel.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.pharos.channel.model.TemplateButtonType;

/** A button of a WhatsApp message template. */
@Type("WhatsAppTemplateButton")
@Input("WhatsAppTemplateButtonInput")
@Description("A button of a WhatsApp message template")
public record TemplateButton(
        @Description("Kind of button") @NonNull @NotNull TemplateButtonType type,
        @Description("Button label (at most 25 characters)") @NonNull @NotBlank @Size(max = 25) String text,
        @Description("URL buttons: the link; it may end in {{1}}, filled per message") @Size(max = 2000) String url,
        @Description("PHONE_NUMBER buttons: the number to call, with country code") @Size(max = 20) String phoneNumber,
        @Description("URL buttons ending in {{1}}: an example of the value, for Meta's review") @Size(max = 2000) String example) {
}
