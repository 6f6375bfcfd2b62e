package io.pharos.ticket.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A WhatsApp message template sent as a reply: its name and language as approved at Meta and the
 * values of its variables in order (body {@code {{1}}}, {@code {{2}}} …; each URL button's dynamic suffix).
 */
public record TemplateUse(
        @NotBlank @Size(max = 512) @Pattern(regexp = "[a-z0-9_]+", message = "lower-case letters, digits and underscores") String name,
        @NotBlank @Pattern(regexp = "[a-z]{2,3}(_[A-Za-z]{2,4})?", message = "a template language code such as el or en_US") String language,
        @Size(max = 20) List<@NotBlank @Size(max = 1024) String> bodyParameters,
        @Size(max = 3) List<@NotBlank @Size(max = 2000) String> buttonParameters) {

    /** How an agent reads a template reply until the provider tells the composed text. */
    public String placeholder() {
        List<String> values = bodyParameters == null ? List.of() : bodyParameters;
        return "WhatsApp template " + name + " (" + language + ")" + (values.isEmpty() ? "" : ": " + String.join(", ", values));
    }
}
