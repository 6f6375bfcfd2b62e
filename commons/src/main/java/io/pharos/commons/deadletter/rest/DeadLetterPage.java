package io.pharos.commons.deadletter.rest;

import java.util.List;

import io.pharos.commons.deadletter.DeadLetterSummary;

/** One page of dead letters, newest first; {@code next} is the URL of the following page, null on the last. */
public record DeadLetterPage(List<DeadLetterSummary> items, String next) {
}
