package io.pharos.survey.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A survey type with its default scale and English question")
public record SurveyTypeInfo(
        @Description("CSAT, NPS or CES") @NonNull SurveyType type,
        @Description("Lowest score of the standard scale") int minScore,
        @Description("Highest score of the standard scale") int maxScore,
        @Description("The question used when a survey sets none") @NonNull String defaultQuestion) {

    public static SurveyTypeInfo of(SurveyType type) {
        return new SurveyTypeInfo(type, type.defaultMin(), type.defaultMax(), type.defaultQuestion());
    }
}
