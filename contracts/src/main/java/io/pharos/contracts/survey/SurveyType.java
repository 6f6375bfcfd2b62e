package io.pharos.contracts.survey;

/** The kind of satisfaction measure a survey asks for; lower-case on the wire ({@code nps}). */
public enum SurveyType {
    CSAT, NPS, CES
}
