package io.pharos.ticket.api;

/** Shapes of text the input types share. */
public final class Limits {

    /** Some character that is not white space: for optional fields that, when given, must say something. */
    public static final String NOT_BLANK = "(?s).*\\S.*";

    private Limits() {
    }
}
