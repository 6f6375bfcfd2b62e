package io.pharos.commons.rest;

import java.util.List;

/** Thrown by services for an expected, client-caused failure; rendered as problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String kind, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors;
    }

    public ProblemException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, null);
    }

    public static ProblemException badRequest(String kind, String detail) {
        return new ProblemException(400, kind, "Bad request", detail);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException forbidden(String kind, String detail) {
        return new ProblemException(403, kind, "Forbidden", detail);
    }

    public static ProblemException conflict(String kind, String detail) {
        return new ProblemException(409, kind, "Conflict", detail);
    }

    public static ProblemException unprocessable(String kind, String detail) {
        return new ProblemException(422, kind, "Unprocessable content", detail);
    }

    /** 413: the request, or the event it would publish, is larger than Pharos carries. */
    public static ProblemException tooLarge(String kind, String detail) {
        return new ProblemException(413, kind, "Content too large", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "stale-version", "Precondition failed", detail);
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(kind), title, status, getMessage(), instance, errors);
    }

    public String kind() {
        return kind;
    }

    public int status() {
        return status;
    }
}
