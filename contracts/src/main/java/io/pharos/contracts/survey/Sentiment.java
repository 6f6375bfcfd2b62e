package io.pharos.contracts.survey;

/** What a survey comment says overall; lower-case on the wire ({@code negative}). */
public enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE
}
