package io.pharos.ticket.service;

import io.pharos.ticket.service.customer.Identities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.api.IdentityInput;
import io.pharos.ticket.domain.IdentityType;

class IdentitiesTest {

    @Test
    void theSamePersonWrittenTwoWaysIsOneIdentity() {
        assertThat(Identities.normalise(IdentityType.EMAIL, " Eleni@Example.TEST ")).isEqualTo("eleni@example.test");
        assertThat(Identities.normalise(IdentityType.PHONE, "+30 690 000-0001")).isEqualTo("+306900000001");
        assertThat(Identities.normalise(IdentityType.WHATSAPP, "+30 690 000 0123")).isEqualTo("306900000123");
        assertThat(Identities.parse("whatsapp:306900000123")).isEqualTo(Identities.parse("WhatsApp:+30 6900000123"));
    }

    @Test
    void allGivenIdentitiesAreCollectedInOrder() {
        var ids = Identities.of(new IdentityInput("E", "e@x.test", "+30 1", null, "123456", null, null, "v-1", null, null));
        assertThat(ids).extracting(Identities.Id::toString).containsExactly("email:e@x.test", "phone:+301", "telegram:123456", "chat:v-1");
    }

    @Test
    void malformedLookupsAreClearErrors() {
        assertThatThrownBy(() -> Identities.parse("eleni@example.test")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Identities.parse("pigeon:42")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("email");
    }
}
