package io.pharos.contracts.survey;

import java.util.List;

import io.pharos.contracts.EventType;
import io.pharos.contracts.Topics;

/** The events of the survey topic: invitations sent, answers given. */
public final class SurveyEvents {

    public static final EventType<SurveySent> SURVEY_SENT = new EventType<>("pharos.survey.sent", Topics.SURVEY_EVENTS,
            SurveySent.class);
    public static final EventType<SurveyResponded> SURVEY_RESPONDED = new EventType<>("pharos.survey.responded",
            Topics.SURVEY_EVENTS, SurveyResponded.class);

    /** Every type of this family, for the catalog and the schema check. */
    public static final List<EventType<?>> ALL = List.of(SURVEY_SENT, SURVEY_RESPONDED);

    private SurveyEvents() {
    }
}
