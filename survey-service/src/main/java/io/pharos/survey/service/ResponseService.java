package io.pharos.survey.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pharos.commons.outbox.OutboxWriter;
import io.pharos.commons.rest.ProblemException;
import io.pharos.commons.rest.Validation;
import io.pharos.contracts.survey.SurveyEvents;
import io.pharos.survey.analysis.CommentAnalysis;
import io.pharos.survey.analysis.CommentAnalyzer;
import io.pharos.survey.api.ResponseDto;
import io.pharos.survey.api.ResponseInput;
import io.pharos.survey.api.SurveyTexts;
import io.pharos.survey.domain.Invitation;
import io.pharos.survey.domain.SurveyDefinition;
import io.pharos.survey.domain.SurveyResponse;
import io.pharos.survey.mapping.SurveyEventMapping;
import io.pharos.survey.repository.InvitationRepository;
import io.pharos.survey.repository.ReplicaRepository;
import io.pharos.survey.repository.SurveyDefinitionRepository;
import io.pharos.survey.repository.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Responses from the hosted page and from API clients. A score click is recorded once; a second
 * click within the change window changes it rather than adding a response; after that, or after
 * the comment, the answer stands. Every recorded change emits {@code pharos.survey.responded}
 * (same response id: consumers keep the latest).
 */
@ApplicationScoped
public class ResponseService {

    /** What the response page shows for a token. */
    public record PageState(Kind kind, Invitation invitation, SurveyDefinition survey, SurveyTexts texts, SurveyResponse response,
            boolean recordedNow) {

        PageState(Kind kind, Invitation invitation, SurveyDefinition survey, SurveyTexts texts, SurveyResponse response) {
            this(kind, invitation, survey, texts, response, false);
        }

        PageState recorded() {
            return new PageState(kind, invitation, survey, texts, response, true);
        }

        /** The language the page speaks: the invitation's, English without one. */
        public String language() {
            return invitation == null ? "en" : SurveyDefinitionService.languageOf(invitation.language);
        }

        /** The scores to offer, lowest first; none without a survey. */
        public List<Integer> scale() {
            return survey == null ? List.of() : IntStream.rangeClosed(survey.scaleMin, survey.scaleMax).boxed().toList();
        }

        /** The score recorded so far; -1 before the first click. */
        public int chosenScore() {
            return response == null ? -1 : response.score;
        }

        public enum Kind {
            INVALID, EXPIRED, OPEN, ANSWERED, CLOSED
        }

        static PageState of(Kind kind) {
            return new PageState(kind, null, null, null, null);
        }
    }

    private final SurveyTokens tokens;
    private final InvitationRepository invitations;
    private final SurveyDefinitionRepository definitions;
    private final SurveyDefinitionService definitionTexts;
    private final SurveyResponseRepository responses;
    private final ReplicaRepository replicas;
    private final ResponseTickets tickets;
    private final CommentAnalyzer analyzer;
    private final OutboxWriter outbox;
    private final Duration changeWindow;
    private final Validator validator;

    /** The oldest answer history may bring; before it a date is a typo or a placeholder, not history. */
    static final Instant OLDEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Client clocks run a little ahead. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public ResponseService(SurveyTokens tokens, InvitationRepository invitations, SurveyDefinitionRepository definitions,
            SurveyDefinitionService definitionTexts, SurveyResponseRepository responses, ReplicaRepository replicas,
            ResponseTickets tickets, CommentAnalyzer analyzer, OutboxWriter outbox,
            @ConfigProperty(name = "pharos.survey.change-window", defaultValue = "PT10M") Duration changeWindow, Validator validator) {
        this.tokens = tokens;
        this.invitations = invitations;
        this.definitions = definitions;
        this.definitionTexts = definitionTexts;
        this.responses = responses;
        this.replicas = replicas;
        this.tickets = tickets;
        this.analyzer = analyzer;
        this.outbox = outbox;
        this.changeWindow = changeWindow;
        this.validator = validator;
    }

    /**
     * The limits every response write shares, whichever path it came by (REST, GraphQL, import):
     * Bean Validation of {@link ResponseInput} (lengths, blanks, channel, score bounds; 413 when only
     * sizes are exceeded), then {@code respondedAt} within [2000, now + 5 min].
     */
    private void check(ResponseInput in) {
        Validation.valid(validator, in, "Invalid response");
        Instant at = in.respondedAt();
        if (at != null && at.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw ProblemException.badRequest("responded-in-future", "respondedAt lies in the future.");
        }
        if (at != null && at.isBefore(OLDEST)) {
            throw ProblemException.badRequest("responded-at-out-of-range", "respondedAt lies before " + OLDEST + ".");
        }
    }

    @WithSession
    public Uni<PageState> page(String token) {
        return state(token);
    }

    /** Records (or, within the change window, changes) the score of the token's invitation. */
    @WithTransaction
    public Uni<PageState> score(String token, int score) {
        return state(token).flatMap(page -> {
            if (page.kind() == PageState.Kind.INVALID || page.kind() == PageState.Kind.EXPIRED
                    || page.kind() == PageState.Kind.CLOSED) {
                return Uni.createFrom().item(page);
            }
            Scales.check(score, page.survey().scaleMin, page.survey().scaleMax);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            SurveyResponse r = page.response();
            if (r == null) {
                return fromInvitation(page.invitation(), page.survey(), score, now)
                        .flatMap(created -> responses.persist(created))
                        .flatMap(created -> responded(created).replaceWith(
                                new PageState(PageState.Kind.ANSWERED, page.invitation(), page.survey(), page.texts(), created, true)));
            }
            if (r.score != score) {
                r.score = score;
                r.normalized = Scales.normalize(score, r.scaleMin, r.scaleMax);
                r.respondedAt = now;
                r.updatedAt = now;
                return responded(r).replaceWith(page.recorded());
            }
            return Uni.createFrom().item(page.recorded());
        });
    }

    /** Adds the optional comment once; it closes the response. */
    @WithTransaction
    public Uni<PageState> comment(String token, String comment) {
        return state(token).flatMap(page -> {
            if (page.kind() != PageState.Kind.ANSWERED || comment == null || comment.isBlank()) {
                return Uni.createFrom().item(page);
            }
            SurveyResponse r = page.response();
            analyze(r, comment.strip());
            r.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return responded(r).replaceWith(new PageState(PageState.Kind.CLOSED, page.invitation(), page.survey(), page.texts(), r, true));
        });
    }

    /** A response from an API client: by invitation token, or for history by type, ticket and customer. */
    @WithTransaction
    public Uni<ResponseDto> submit(String tenant, ResponseInput in) {
        try {
            check(in);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        if (in.score() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-score", "A response needs a score."));
        }
        if (in.token() != null) {
            return state(in.token()).flatMap(page -> {
                if (page.kind() == PageState.Kind.INVALID || !page.invitation().tenant.equals(tenant)) {
                    return Uni.createFrom().failure(ProblemException.badRequest("invalid-token", "The survey token is not valid."));
                }
                if (page.kind() == PageState.Kind.EXPIRED) {
                    return Uni.createFrom().failure(ProblemException.conflict("token-expired", "The survey link has expired."));
                }
                if (page.kind() != PageState.Kind.OPEN) {
                    return Uni.createFrom().failure(ProblemException.conflict("already-answered", "This invitation was already answered."));
                }
                Scales.check(in.score(), page.survey().scaleMin, page.survey().scaleMax);
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return fromInvitation(page.invitation(), page.survey(), in.score(), at).flatMap(r -> {
                    r.externalId = in.externalId();
                    if (in.comment() != null && !in.comment().isBlank()) {
                        analyze(r, in.comment().strip());
                    }
                    return responses.persist(r);
                }).call(this::responded).map(ResponseService::toDto);
            });
        }
        return historical(tenant, in).call(responses::persist).call(this::responded).map(ResponseService::toDto);
    }

    /** What became of one imported response. */
    public record Imported(ResponseDto response, boolean created) {
    }

    /**
     * Imports one historical response (NDJSON line): it needs its {@code respondedAt}; a line whose
     * {@code externalId} was imported before answers with that response and changes nothing, so
     * an interrupted import can simply be run again.
     */
    @WithTransaction
    public Uni<Imported> importResponse(String tenant, ResponseInput in) {
        if (in.token() != null) {
            return Uni.createFrom().failure(ProblemException.badRequest("token-not-allowed",
                    "Imported responses carry their context, not an invitation token."));
        }
        if (in.respondedAt() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-responded-at",
                    "An imported response needs respondedAt."));
        }
        if (in.score() == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-score", "A response needs a score."));
        }
        try {
            check(in);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<SurveyResponse> existing = in.externalId() == null ? Uni.createFrom().nullItem()
                : responses.find("tenant = ?1 and externalId = ?2", tenant, in.externalId()).firstResult();
        return existing.flatMap(found -> found != null ? Uni.createFrom().item(new Imported(toDto(found), false))
                : historical(tenant, in).call(responses::persist).call(this::responded).map(r -> new Imported(toDto(r), true)));
    }

    private Uni<SurveyResponse> historical(String tenant, ResponseInput in) {
        if (in.type() == null || (in.ticketId() == null && in.ticketExternalId() == null && in.customerId() == null)) {
            return Uni.createFrom().failure(ProblemException.badRequest("missing-context",
                    "Without a token a response needs its type and a ticketId, ticketExternalId or customerId."));
        }
        Uni<SurveyDefinition> survey = in.surveyId() == null ? Uni.createFrom().nullItem()
                : definitions.findInTenant(tenant, in.surveyId())
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Survey", in.surveyId()));
        Uni<Boolean> duplicate = in.externalId() == null ? Uni.createFrom().item(false)
                : responses.count("tenant = ?1 and externalId = ?2", tenant, in.externalId()).map(n -> n > 0);
        return duplicate.flatMap(exists -> {
            if (exists) {
                return Uni.createFrom().failure(ProblemException.conflict("response-exists",
                        "A response with externalId " + in.externalId() + " already exists."));
            }
            return survey;
        }).flatMap(d -> tickets.of(tenant, in).map(ticket -> {
                    int[] scale = Scales.of(in.type(), in.scaleMax());
                    Scales.check(in.score(), scale[0], scale[1]);
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    SurveyResponse r = new SurveyResponse();
                    r.id = UUID.randomUUID();
                    r.tenant = tenant;
                    r.definitionId = d == null ? null : d.id;
                    r.type = in.type();
                    r.scaleMin = scale[0];
                    r.scaleMax = scale[1];
                    r.score = in.score();
                    r.normalized = Scales.normalize(in.score(), scale[0], scale[1]);
                    r.ticketId = ticket != null ? ticket.ticketId : in.ticketId();
                    r.customerId = in.customerId() != null ? in.customerId() : ticket == null ? null : ticket.customerId;
                    r.agentId = in.agentId() != null ? in.agentId() : ticket == null ? null : ticket.assigneeId;
                    r.team = in.team() != null ? in.team() : ticket == null ? null : ticket.team;
                    r.channel = in.channel() != null ? in.channel().toLowerCase() : ticket == null ? null : ticket.channel;
                    r.externalId = in.externalId();
                    r.respondedAt = in.respondedAt() != null ? in.respondedAt().truncatedTo(ChronoUnit.MICROS) : now;
                    r.createdAt = r.updatedAt = now;
                    if (in.comment() != null && !in.comment().isBlank()) {
                        analyze(r, in.comment().strip());
                    }
                    return r;
                }));
    }

    @WithSession
    public Uni<ResponseDto> get(String tenant, UUID id) {
        return responses.findInTenant(tenant, id).onItem().ifNull().failWith(() -> ProblemException.notFound("Response", id))
                .map(ResponseService::toDto);
    }

    private Uni<PageState> state(String token) {
        Optional<SurveyTokens.Claims> claims = tokens.verify(token);
        if (claims.isEmpty()) {
            return Uni.createFrom().item(PageState.of(PageState.Kind.INVALID));
        }
        return invitations.findById(claims.get().invitationId()).flatMap(invitation -> {
            if (invitation == null || invitation.status != Invitation.Status.SENT) {
                return Uni.createFrom().item(PageState.of(PageState.Kind.INVALID));
            }
            return definitions.findById(invitation.definitionId).flatMap(d -> responses.forInvitation(invitation.id).map(r -> {
                SurveyTexts texts = definitionTexts.textsFor(d, invitation.language);
                Instant now = Instant.now();
                if (r != null) {
                    boolean open = r.comment == null && now.isBefore(r.createdAt.plus(changeWindow));
                    return new PageState(open ? PageState.Kind.ANSWERED : PageState.Kind.CLOSED, invitation, d, texts, r);
                }
                if (!now.isBefore(claims.get().expiresAt())) {
                    return new PageState(PageState.Kind.EXPIRED, invitation, d, texts, null);
                }
                return new PageState(PageState.Kind.OPEN, invitation, d, texts, null);
            }));
        });
    }

    private Uni<SurveyResponse> fromInvitation(Invitation invitation, SurveyDefinition d, int score, Instant at) {
        Uni<io.pharos.survey.domain.TicketState> ticketOf = invitation.ticketId == null ? Uni.createFrom().nullItem()
                : replicas.ticket(invitation.tenant, invitation.ticketId);
        return ticketOf.map(ticket -> {
            SurveyResponse r = new SurveyResponse();
            r.id = UUID.randomUUID();
            r.tenant = invitation.tenant;
            r.invitationId = invitation.id;
            r.definitionId = d.id;
            r.type = d.type;
            r.scaleMin = d.scaleMin;
            r.scaleMax = d.scaleMax;
            r.score = score;
            r.normalized = Scales.normalize(score, d.scaleMin, d.scaleMax);
            r.ticketId = invitation.ticketId;
            r.customerId = invitation.customerId;
            r.agentId = ticket == null ? null : ticket.assigneeId;
            r.team = ticket == null ? null : ticket.team;
            r.channel = ticket == null ? invitation.channel : ticket.channel;
            r.respondedAt = at;
            r.createdAt = r.updatedAt = at;
            return r;
        });
    }

    private void analyze(SurveyResponse r, String comment) {
        CommentAnalysis analysis = analyzer.analyze(comment);
        r.comment = comment;
        r.sentiment = analysis.sentiment().name().toLowerCase();
        r.themes = analysis.themes().toArray(String[]::new);
        r.matched = analysis.matched().toArray(String[]::new);
    }

    private Uni<Void> responded(SurveyResponse r) {
        // key = aggregate id: the ticket, else the customer, else the response itself
        String key = r.ticketId != null ? r.ticketId.toString() : r.customerId != null ? r.customerId.toString() : r.id.toString();
        return outbox.append(r.tenant, SurveyEvents.SURVEY_RESPONDED, key, SurveyEventMapping.responded(r)).replaceWithVoid();
    }

    public static ResponseDto toDto(SurveyResponse r) {
        return new ResponseDto(r.id, r.definitionId, r.invitationId, r.type, r.scaleMin, r.scaleMax, r.score, r.normalized,
                r.comment, r.sentiment, Arrays.asList(r.themes), Arrays.asList(r.matched), r.ticketId, r.customerId, r.agentId,
                r.team, r.channel, r.externalId, r.respondedAt);
    }
}
