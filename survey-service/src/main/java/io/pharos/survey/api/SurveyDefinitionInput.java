package io.pharos.survey.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.model.SurveyType;

/**
 * A survey definition as an admin writes it. Omitted values take the defaults of common practice:
 * the type's standard scale, sent one hour after the solve over the ticket's own channel, at most
 * one survey per customer per 7 days, links valid for 7 days; relationship surveys every 90 days.
 */
public record SurveyDefinitionInput(
        @NotBlank @Size(max = 200) String name,
        @NotNull SurveyType type,
        Integer scaleMax,
        @Size(min = 1) Map<String, @Valid SurveyTexts> texts,
        SurveyDefinition.Trigger trigger,
        @Min(0) @Max(30 * 24 * 3600) Integer delaySeconds,
        List<String> channels,
        List<String> tags,
        SurveyDefinition.SendVia sendVia,
        @Min(0) @Max(365) Integer throttleDays,
        @Min(1) @Max(90 * 24) Integer expiryHours,
        @Min(1) @Max(3650) Integer intervalDays,
        Boolean enabled) {
}
