package io.pharos.contracts.ticket;

/** {@code pharos.customer.created}: a customer became known (by the API, a channel or an import). */
public record CustomerCreated(CustomerSnapshot customer) implements CustomerEvent {
}
