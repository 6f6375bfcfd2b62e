package io.pharos.survey.service;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.pharos.commons.paging.Cursor;
import io.pharos.commons.rest.ProblemException;
import io.pharos.survey.api.ResponseDto;
import io.pharos.survey.api.ResponseFilter;
import io.pharos.survey.api.ResponsePage;
import io.pharos.survey.api.ThemeCount;
import io.pharos.survey.repository.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reading responses: lists for people, per-ticket and per-customer batches for the graph, theme counts. */
@ApplicationScoped
public class ResponseQueries {

    static final int MAX_PAGE = 200;
    /** Dates outside these bounds are typos (year 9999), refused rather than sent to the database. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    static void checkDates(Instant from, Instant to) {
        for (Instant at : new Instant[] { from, to }) {
            if (at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST))) {
                throw ProblemException.badRequest("validation", "from and to must lie between " + EARLIEST + " and " + LATEST + ".");
            }
        }
    }

    private final SurveyResponseRepository responses;

    public ResponseQueries(SurveyResponseRepository responses) {
        this.responses = responses;
    }

    @WithSession
    public Uni<ResponsePage> list(String tenant, ResponseFilter filter, String after, int limit) {
        if (filter != null) {
            try {
                checkDates(filter.from(), filter.to());
            } catch (ProblemException e) {
                return Uni.createFrom().failure(e);
            }
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Cursor cursor = Cursor.decode(after);
        return responses.page(tenant, filter == null ? ResponseFilter.NONE : filter, cursor, size).map(rows -> {
            List<ResponseDto> items = rows.stream().limit(size).map(ResponseService::toDto).toList();
            String next = rows.size() > size ? new Cursor(items.get(size - 1).respondedAt(), items.get(size - 1).id()).encode() : null;
            return new ResponsePage(items, next);
        });
    }

    /** Each ticket's latest response, by ticket id. */
    @WithSession
    public Uni<Map<UUID, ResponseDto>> satisfactionOf(String tenant, Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return responses.latestOfTickets(tenant, ticketIds).map(rows -> rows.stream().map(ResponseService::toDto)
                .collect(Collectors.toMap(ResponseDto::ticketId, r -> r, (a, b) -> a.id().compareTo(b.id()) > 0 ? a : b)));
    }

    /** Each customer's responses, newest first, by customer id. */
    @WithSession
    public Uni<Map<UUID, List<ResponseDto>>> ofCustomers(String tenant, Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return responses.ofCustomers(tenant, customerIds).map(rows -> rows.stream().map(ResponseService::toDto)
                .collect(Collectors.groupingBy(ResponseDto::customerId, LinkedHashMap::new, Collectors.toList())));
    }

    @WithSession
    public Uni<List<ThemeCount>> topThemes(String tenant, Instant from, Instant to, int limit) {
        if (from == null || to == null || !from.isBefore(to)) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-period", "A period needs from before to."));
        }
        try {
            checkDates(from, to);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return responses.topThemes(tenant, from, to, Math.max(1, Math.min(limit, 50)), 3);
    }
}
