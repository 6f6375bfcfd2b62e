package io.pharos.survey.rest;

import java.util.Map;

import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.survey.service.ResponseService;
import io.pharos.survey.service.ResponseService.PageState;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * The hosted response page customers reach from the invitation: plain HTML forms and links, so it
 * works without JavaScript; in the customer's language; the link is the only credential.
 */
@Path("/s/{token}")
@Tag(name = "response page")
@Produces(MediaType.TEXT_HTML)
public class SurveyPageResource {

    static final Map<String, Map<String, String>> LABELS = Map.of(
            "en", Map.of("title", "Your feedback", "low", "Not at all", "high", "Extremely", "comment", "Add a comment (optional)",
                    "send", "Send", "recorded", "Thank you, your answer was recorded.", "change", "Clicked the wrong one? Choose again:",
                    "expired", "This survey link has expired. Thank you for your time all the same.",
                    "invalid", "This survey link is not valid. Please use the link from your invitation.",
                    "closed", "Your answer was already recorded. Thank you!"),
            "el", Map.of("title", "Η γνώμη σας", "low", "Καθόλου", "high", "Πάρα πολύ", "comment", "Προσθέστε ένα σχόλιο (προαιρετικά)",
                    "send", "Αποστολή", "recorded", "Ευχαριστούμε, η απάντησή σας καταχωρίστηκε.",
                    "change", "Πατήσατε λάθος; Επιλέξτε ξανά:",
                    "expired", "Αυτός ο σύνδεσμος έρευνας έχει λήξει. Σας ευχαριστούμε για τον χρόνο σας.",
                    "invalid", "Αυτός ο σύνδεσμος δεν είναι έγκυρος. Χρησιμοποιήστε τον σύνδεσμο της πρόσκλησης.",
                    "closed", "Η απάντησή σας έχει ήδη καταχωριστεί. Ευχαριστούμε!"));

    /** What the page says when the form could not be taken. */
    static final Map<String, Map<String, String>> ERRORS = Map.of(
            "en", Map.of("unreadable", "Your comment could not be read. Please type it again and send it.",
                    "too-large", "Your comment is too long: at most " + CommentForm.MAX_COMMENT + " characters, please."),
            "el", Map.of("unreadable", "Δεν ήταν δυνατό να διαβαστεί το σχόλιό σας. Πληκτρολογήστε το ξανά και στείλτε το.",
                    "too-large", "Το σχόλιό σας είναι πολύ μεγάλο: έως " + CommentForm.MAX_COMMENT + " χαρακτήρες, παρακαλούμε."));

    private final ResponseService responses;
    private final Template page;
    private final Validator validator;

    public SurveyPageResource(ResponseService responses, Template page, Validator validator) {
        this.responses = responses;
        this.page = page;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "The question, or with ?score=N the one-click answer followed by the optional comment form")
    public Uni<Response> show(@PathParam("token") String token, @QueryParam("score") String score) {
        if (score == null) {
            return responses.page(token).map(this::render);
        }
        int value;
        try {
            value = Integer.parseInt(score);
        } catch (NumberFormatException e) {
            return responses.page(token).map(this::render);
        }
        // an out-of-scale score (an edited link) shows the question again
        return responses.score(token, value).map(this::render)
                .onFailure(ProblemException.class).recoverWithUni(e -> responses.page(token).map(this::render));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The optional comment after the score (a plain HTML form)")
    public Uni<Response> comment(@PathParam("token") String token, String body) {
        // the body is decoded here, strictly, rather than by the form parser: malformed percent-encoding
        // (%zz) or an oversized field must come back as this page with a message, never a hang or a 500
        CommentForm form;
        try {
            form = Validation.valid(validator, CommentForm.parse(body), "Invalid comment");
        } catch (ProblemException e) {
            String kind = e.status() == 413 ? "too-large" : "unreadable";
            // a tampered link stays just that: the invalid-link page, without a word about the form
            return responses.page(token).map(state -> state.kind() == PageState.Kind.INVALID ? render(state) : render(state, kind, e.status()));
        }
        return responses.comment(token, form.comment()).map(this::render);
    }

    private Response render(PageState state) {
        return render(state, null, switch (state.kind()) {
            case INVALID -> 404;
            case EXPIRED -> 410;
            default -> 200;
        });
    }

    private Response render(PageState state, String error, int status) {
        String language = state.language();
        Map<String, String> labels = LABELS.getOrDefault(language, LABELS.get("en"));
        String html = page.data("lang", LABELS.containsKey(language) ? language : "en")
                .data("labels", labels)
                .data("kind", state.kind().name())
                .data("texts", state.texts())
                .data("scale", state.scale())
                .data("chosen", state.chosenScore())
                .data("justAnswered", state.recordedNow())
                .data("error", error == null ? null : ERRORS.getOrDefault(language, ERRORS.get("en")).get(error))
                .render();
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .build();
    }
}
