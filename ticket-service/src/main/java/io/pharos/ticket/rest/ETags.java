package io.pharos.ticket.rest;

import io.pharos.commons.rest.ProblemException;

/** Versions travel as strong ETags ({@code "3"}); updates must name the one they read. */
final class ETags {

    private ETags() {
    }

    static long requireVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "if-match-required", "Precondition required",
                    "Send If-Match with the ETag of your last read, so that concurrent edits are not lost.");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match " + ifMatch + " is not an ETag of this API.");
        }
    }
}
