package io.pharos.survey.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.model.SurveyType;

public record SurveyDefinitionDto(UUID id, String name, SurveyType type, int scaleMin, int scaleMax,
        Map<String, SurveyTexts> texts, SurveyDefinition.Trigger trigger, int delaySeconds, List<String> channels,
        List<String> tags, SurveyDefinition.SendVia sendVia, int throttleDays, int expiryHours, Integer intervalDays, boolean enabled,
        Instant createdAt, Instant updatedAt, long version) {
}
