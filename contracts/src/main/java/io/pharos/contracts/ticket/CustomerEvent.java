package io.pharos.contracts.ticket;

/** What every {@code pharos.customer.*} event carries: the customer after the change. */
public sealed interface CustomerEvent permits CustomerCreated, CustomerUpdated, CustomerMerged {

    CustomerSnapshot customer();
}
