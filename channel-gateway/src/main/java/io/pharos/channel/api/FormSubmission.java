package io.pharos.channel.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A contact form as a web page posts it; {@code submissionId} (optional) makes a resubmission harmless. */
public record FormSubmission(
        @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @Size(max = 300) String subject,
        @NotBlank @Size(max = 10_000) String message,
        @Size(max = 16) String language,
        @Size(max = 100) String submissionId) {
}
