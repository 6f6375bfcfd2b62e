package io.pharos.survey.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A survey type with its default scale and English question")
public record SurveyTypeInfo(@NonNull SurveyType type, int minScore, int maxScore, @NonNull String defaultQuestion) {

    public static SurveyTypeInfo of(SurveyType type) {
        return new SurveyTypeInfo(type, type.defaultMin(), type.defaultMax(), type.defaultQuestion());
    }
}
