package io.pharos.survey.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.Size;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.text.ControlCharacters;

/**
 * The response page's comment form ({@code application/x-www-form-urlencoded}), decoded strictly:
 * malformed percent-encoding is a 400, a comment over the limit every other path has is a 413
 * (Bean Validation, as for REST and GraphQL), control characters are dropped as at every edge.
 */
record CommentForm(@Size(max = MAX_COMMENT) String comment) {

    static final int MAX_COMMENT = 5000;
    /** Far more than a comment of {@value #MAX_COMMENT} characters takes even fully percent-encoded (9 bytes each at most). */
    static final int MAX_BODY = 64 * 1024;

    static CommentForm parse(String body) {
        if (body == null || body.isEmpty()) {
            return new CommentForm(null);
        }
        if (body.length() > MAX_BODY) {
            throw new ProblemException(413, "too-large", "Invalid comment", "The form is larger than " + MAX_BODY + " bytes.");
        }
        String comment = null;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if ("comment".equals(name)) {
                comment = ControlCharacters.strip(decode(eq < 0 ? "" : pair.substring(eq + 1)));
            }
        }
        return new CommentForm(comment);
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.badRequest("malformed-form", "The form is not valid URL encoding.");
        }
    }
}
