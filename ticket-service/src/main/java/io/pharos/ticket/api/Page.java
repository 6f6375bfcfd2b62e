package io.pharos.ticket.api;

import java.util.List;

/** One page of a keyset-paginated list; {@code next} is the cursor of the following page, if any. */
public record Page<T>(List<T> items, String next) {
}
