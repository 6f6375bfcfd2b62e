package io.pharos.survey.model;

import org.eclipse.microprofile.graphql.Description;

/** The three satisfaction measures (docs/kpi-definitions.md) with their standard scales. */
@Description("Kind of survey: customer satisfaction, net promoter score or customer effort score")
public enum SurveyType {
    CSAT(1, 5, "How satisfied were you with the support you received?"),
    NPS(0, 10, "How likely are you to recommend us to a friend or colleague?"),
    CES(1, 7, "How easy was it to get your issue resolved?");

    private final int defaultMin;
    private final int defaultMax;
    private final String defaultQuestion;

    SurveyType(int defaultMin, int defaultMax, String defaultQuestion) {
        this.defaultMin = defaultMin;
        this.defaultMax = defaultMax;
        this.defaultQuestion = defaultQuestion;
    }

    public int defaultMin() {
        return defaultMin;
    }

    public int defaultMax() {
        return defaultMax;
    }

    public String defaultQuestion() {
        return defaultQuestion;
    }
}
