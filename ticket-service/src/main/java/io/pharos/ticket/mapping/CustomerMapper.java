package io.pharos.ticket.mapping;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.pharos.ticket.api.CustomerDto;
import io.pharos.ticket.domain.Customer;
import io.pharos.ticket.domain.CustomerIdentity;

public final class CustomerMapper {

    private CustomerMapper() {
    }

    public static CustomerDto toDto(Customer c, List<CustomerIdentity> identities) {
        return new CustomerDto(c.id, c.externalId, c.name, c.language, c.timeZone, c.location,
                Arrays.asList(c.tags), c.notes, c.lifecycle, c.churnedOn,
                identities.stream().sorted(Comparator.comparing((CustomerIdentity i) -> i.type).thenComparing(i -> i.value))
                        .map(i -> new CustomerDto.Identity(i.type, i.value, i.verified)).toList(),
                c.createdAt, c.updatedAt);
    }
}
