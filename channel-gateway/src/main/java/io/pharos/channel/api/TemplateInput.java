package io.pharos.channel.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.pharos.channel.model.TemplateCategory;

/**
 * A WhatsApp message template as an admin writes it: Meta's limits on the name and body are
 * checked here (400), its variables and examples by {@code WhatsAppTemplates} (422).
 */
@Input("WhatsAppTemplateInput")
@Description("A WhatsApp message template to add or change: body with {{1}}, {{2}} … variables and an example value for each")
public record TemplateInput(
        @Description("Name: lower-case letters, digits and underscores") @NonNull @NotBlank
        @Pattern(regexp = "[a-z0-9_]{1,512}", message = "lower-case letters, digits and underscores, at most 512") String name,
        @Description("Language code as Meta knows it: el, en, en_US …") @NonNull @NotBlank
        @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "a language code such as el, en or en_US") String language,
        @Description("Category") @NonNull @NotNull TemplateCategory category,
        @Description("Optional header text (no variables, at most 60 characters)") @Size(max = 60) String headerText,
        @Description("Body text with {{1}}, {{2}} … variables (at most 1024 characters)") @NonNull @NotBlank @Size(max = 1024) String bodyText,
        @Description("An example value for each body variable, in order") List<String> bodyExamples,
        @Description("Optional footer text (at most 60 characters)") @Size(max = 60) String footerText,
        @Description("Buttons (at most 10)") @Size(max = 10, message = "at most 10 buttons") List<@Valid TemplateButton> buttons) {
}
