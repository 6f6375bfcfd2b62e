package io.pharos.analytics.service.projection;

import static io.pharos.analytics.service.projection.Groups.NO_TEAM;
import static io.pharos.analytics.service.projection.Groups.UNASSIGNED;
import static io.pharos.analytics.service.projection.Groups.UNKNOWN_CHANNEL;
import static io.pharos.analytics.service.projection.Groups.orElse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.analytics.model.Contributions;
import io.pharos.analytics.repository.RollupRepository;
import io.pharos.analytics.repository.SurveyFactRepository;
import io.pharos.analytics.repository.SurveyFactRepository.Answer;
import io.pharos.analytics.repository.TicketFactRepository;
import io.pharos.contracts.IncomingEvent;
import io.pharos.contracts.survey.SurveyEvents;
import io.pharos.contracts.survey.SurveyResponded;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Survey answers: {@code pharos.survey.responded} adds the answer's data points (CSAT, NPS, CES)
 * under its channel, team and agent; invitations sent change no KPI.
 */
@ApplicationScoped
public class SurveyProjection implements ProjectionHandler {

    private final SurveyFactRepository answers;
    private final TicketFactRepository tickets;
    private final RollupRepository rollups;
    private final ObjectMapper json;

    public SurveyProjection(SurveyFactRepository answers, TicketFactRepository tickets, RollupRepository rollups, ObjectMapper json) {
        this.answers = answers;
        this.tickets = tickets;
        this.rollups = rollups;
        this.json = json;
    }

    @Override
    public Set<String> types() {
        return Set.of(SurveyEvents.SURVEY_RESPONDED.name(), SurveyEvents.SURVEY_SENT.name());
    }

    @Override
    public Set<UUID> tickets(IncomingEvent event) {
        if (!event.is(SurveyEvents.SURVEY_RESPONDED)) {
            return Set.of();
        }
        UUID ticketId = Events.data(json, event, SurveyEvents.SURVEY_RESPONDED).ticketId();
        return ticketId == null ? Set.of() : Set.of(ticketId);
    }

    @Override
    public Uni<Void> apply(ProjectionBatch batch, IncomingEvent event) {
        if (!event.is(SurveyEvents.SURVEY_RESPONDED)) {
            return Uni.createFrom().voidItem(); // other survey events (sent, …) change no KPI
        }
        return Uni.createFrom().item(() -> Events.data(json, event, SurveyEvents.SURVEY_RESPONDED)).flatMap(r -> answer(batch, event.tenant(), r));
    }

    /**
     * A survey answer, new or changed: the customer may change their score for a while after the
     * first click (survey-service's change window); each change is the same response with a later
     * {@code respondedAt} and replaces the score, in the hour of the change. The same answer again,
     * or an older one arriving late, changes nothing.
     */
    private Uni<Void> answer(ProjectionBatch batch, String tenant, SurveyResponded r) {
        SqlConnection c = batch.connection();
        String type = r.type().name().toLowerCase(Locale.ROOT);
        List<Contributions.Point> points = Contributions.survey(type, r.score(), r.scaleMin(), r.scaleMax(), r.respondedAt());
        return answers.findForUpdate(c, r.responseId()).flatMap(old -> {
            if (old != null) {
                if (!r.respondedAt().isAfter(old.respondedAt())) {
                    return Uni.createFrom().voidItem();
                }
                return answers.updateScore(c, r.responseId(), r.score(), r.scaleMin(), r.scaleMax(), r.respondedAt())
                        .invoke(() -> rollups.swap(batch.rollups(), tenant, points(old), points, orElse(old.channel(), UNKNOWN_CHANNEL),
                                orElse(old.team(), NO_TEAM), orElse(old.agent(), UNASSIGNED)));
            }
            String given = r.channel() == null ? null : r.channel().toLowerCase(Locale.ROOT);
            return channelOf(c, given, r.ticketId()).flatMap(channel -> answers.insert(c, tenant, r.responseId(), r.ticketId(),
                    new Answer(type, r.score(), r.scaleMin(), r.scaleMax(), r.respondedAt(), channel, r.team(), r.agentId()))
                    .invoke(inserted -> {
                        if (inserted) { // else inserted meanwhile by another consumer
                            rollups.add(batch.rollups(), tenant, points, orElse(channel, UNKNOWN_CHANNEL), orElse(r.team(), NO_TEAM), orElse(r.agentId(), UNASSIGNED));
                        }
                    }).replaceWithVoid());
        });
    }

    /**
     * The channel of a survey answer: as the event says, else its ticket's as analytics knows it. An
     * answer whose ticket has not arrived yet counts under "unknown" until it does ({@link
     * #ticketChannelKnown}); the lock on the ticket id (taken by the batch, {@link #tickets}) makes
     * the two meet whichever commits first.
     */
    private Uni<String> channelOf(SqlConnection c, String given, UUID ticketId) {
        if (given != null || ticketId == null) {
            return Uni.createFrom().item(given);
        }
        return tickets.channel(c, ticketId);
    }

    /** A ticket's survey answers that came before it move from channel "unknown" to its channel (the caller holds the ticket's lock). */
    Uni<Void> ticketChannelKnown(ProjectionBatch batch, String tenant, UUID ticketId, String channel) {
        if (channel == null || !batch.firstChannelOf(ticketId)) {
            return Uni.createFrom().voidItem();
        }
        return answers.assignChannel(batch.connection(), ticketId, channel)
                .onItem().invoke(a -> rollups.moveChannel(batch.rollups(), tenant, points(a), UNKNOWN_CHANNEL, channel, orElse(a.team(), NO_TEAM),
                        orElse(a.agent(), UNASSIGNED)))
                .collect().last().replaceWithVoid();
    }

    private static List<Contributions.Point> points(Answer a) {
        return Contributions.survey(a.type(), a.score(), a.scaleMin(), a.scaleMax(), a.respondedAt());
    }
}
