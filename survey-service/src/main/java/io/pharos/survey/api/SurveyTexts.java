package io.pharos.survey.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the customer reads, in one language. */
public record SurveyTexts(@NotBlank @Size(max = 500) String question, @Size(max = 500) String followUp,
        @Size(max = 500) String thanks) {
}
