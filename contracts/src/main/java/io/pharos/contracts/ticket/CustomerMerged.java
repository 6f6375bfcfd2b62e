package io.pharos.contracts.ticket;

import java.util.UUID;

/**
 * {@code pharos.customer.merged}: {@code mergedCustomerId} was merged into {@code customer}, its
 * identities and tickets moved over.
 */
public record CustomerMerged(CustomerSnapshot customer, UUID mergedCustomerId, int ticketsMoved) implements CustomerEvent {
}
