package io.pharos.survey.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.pharos.survey.model.SurveyType;

/**
 * A response from an API client: either the invitation's {@code token} (and the score), or, for
 * history without an invitation, the survey type/scale and the ticket/customer it belongs to. The
 * ticket may be named by its Pharos id or by {@code ticketExternalId}, the id a ticket import kept.
 * The same limits hold however it arrives (REST, GraphQL, NDJSON import): ResponseService checks
 * them on every path; the score's scale and {@code respondedAt}'s window are checked there too.
 */
public record ResponseInput(
        @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String token,
        @Min(0) @Max(10) Integer score,
        @Size(max = 5000) String comment,
        SurveyType type,
        @Min(1) @Max(10) Integer scaleMax,
        UUID surveyId,
        UUID ticketId,
        @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String ticketExternalId,
        UUID customerId,
        @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String agentId,
        @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String team,
        @Pattern(regexp = CHANNELS, flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be one of email, chat, sms, whatsapp, telegram, messenger, instagram, form, phone, api") String channel,
        Instant respondedAt,
        @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String externalId) {

    /** A value with at least one character that is not white space (null is "not given" and passes). */
    static final String NOT_BLANK = "(?s).*\\S.*";
    /** The channels of io.pharos.contracts.Channel (ResponseInputTest keeps them in step). */
    public static final String CHANNELS = "email|chat|sms|whatsapp|telegram|messenger|instagram|form|phone|api";
}
