package io.pharos.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.pharos.contracts.channel.ChannelEvents;
import io.pharos.contracts.survey.SurveyEvents;
import io.pharos.contracts.ticket.TicketEvents;

/** Every event type Pharos publishes, by name. */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = Stream.of(TicketEvents.ALL, ChannelEvents.ALL, SurveyEvents.ALL)
            .flatMap(List::stream).toList();

    private static final Map<String, EventType<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
