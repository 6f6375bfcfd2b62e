package io.pharos.ticket.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.pharos.commons.graphql.Isolated;
import io.smallrye.mutiny.Uni;

/**
 * The shape of every batched {@code @Source List<...>} resolver of related lists: one query for the
 * whole page in its own session ({@link Isolated}), its rows handed back in page order, an empty
 * list for an item that has none.
 */
final class Batches {

    private Batches() {
    }

    static <S, D, N> Uni<List<List<N>>> listsFor(List<S> page, Function<S, UUID> id, Function<List<UUID>, Uni<Map<UUID, List<D>>>> fetch,
            Function<D, N> node) {
        List<UUID> ids = page.stream().map(id).toList();
        return Isolated.run(() -> fetch.apply(ids)).map(found -> page.stream()
                .map(item -> found.getOrDefault(id.apply(item), List.<D> of()).stream().map(node).toList()).toList());
    }
}
