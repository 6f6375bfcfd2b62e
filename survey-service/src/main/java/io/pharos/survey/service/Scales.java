package io.pharos.survey.service;

import io.pharos.commons.rest.ProblemException;
import io.pharos.survey.model.SurveyType;

/** The standard scales (docs/kpi-definitions.md) and the arithmetic every KPI shares. */
public final class Scales {

    private Scales() {
    }

    /** CSAT is 1–5 or 1–10; NPS 0–10; CES 1–7. */
    public static int[] of(SurveyType type, Integer requestedMax) {
        return switch (type) {
            case CSAT -> {
                int max = requestedMax == null ? 5 : requestedMax;
                if (max != 5 && max != 10) {
                    throw ProblemException.badRequest("invalid-scale", "A CSAT scale runs 1–5 or 1–10, not 1–" + max + ".");
                }
                yield new int[] { 1, max };
            }
            case NPS -> new int[] { 0, 10 };
            case CES -> new int[] { 1, 7 };
        };
    }

    public static void check(int score, int min, int max) {
        if (score < min || score > max) {
            throw ProblemException.badRequest("score-out-of-scale", "The score must be between " + min + " and " + max + ".");
        }
    }

    /** Linear to 0–10: (score − min) ÷ (max − min) × 10. */
    public static double normalize(int score, int min, int max) {
        return (score - min) * 10.0 / (max - min);
    }
}
