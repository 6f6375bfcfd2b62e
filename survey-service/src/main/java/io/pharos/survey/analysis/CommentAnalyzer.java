package io.pharos.survey.analysis;

/**
 * Turns a survey comment into sentiment and themes. The lexicon implementation is the default;
 * a better model can replace it behind this interface (a CDI alternative) without touching callers.
 */
public interface CommentAnalyzer {

    CommentAnalysis analyze(String comment);
}
