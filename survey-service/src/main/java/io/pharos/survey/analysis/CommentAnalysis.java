package io.pharos.survey.analysis;

import java.util.List;

/** What a comment says: its sentiment, its themes, and the words that made the call (explainable). */
public record CommentAnalysis(Sentiment sentiment, List<String> themes, List<String> matched) {

    public enum Sentiment {
        POSITIVE, NEUTRAL, NEGATIVE
    }

    public static final CommentAnalysis EMPTY = new CommentAnalysis(Sentiment.NEUTRAL, List.of(), List.of());
}
