package io.pharos.commons.deadletter;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Why a record failed, as stored: the real cause, a bounded message, no NUL (PostgreSQL text refuses it). */
public final class Failures {

    private static final int MAX_REASON = 4000;

    private Failures() {
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static String reason(Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        Throwable inner = cause.getCause();
        if (inner != null && inner != cause && inner.getMessage() != null && !message.contains(inner.getMessage())) {
            message = message + " (caused by " + inner.getClass().getSimpleName() + ": " + inner.getMessage() + ")";
        }
        String cleaned = clean(message);
        return cleaned.length() > MAX_REASON ? cleaned.substring(0, MAX_REASON) + "…" : cleaned;
    }

    public static String clean(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }
}
