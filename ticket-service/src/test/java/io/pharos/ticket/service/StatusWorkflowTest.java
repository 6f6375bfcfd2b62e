package io.pharos.ticket.service;

import io.pharos.ticket.service.ticket.StatusWorkflow;
import static io.pharos.ticket.domain.TicketStatus.CLOSED;
import static io.pharos.ticket.domain.TicketStatus.NEW;
import static io.pharos.ticket.domain.TicketStatus.ON_HOLD;
import static io.pharos.ticket.domain.TicketStatus.OPEN;
import static io.pharos.ticket.domain.TicketStatus.PENDING;
import static io.pharos.ticket.domain.TicketStatus.SOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.pharos.commons.rest.ProblemException;
import io.pharos.ticket.domain.TicketStatus;

class StatusWorkflowTest {

    @Test
    void openStatesMoveFreelyAmongThemselvesAndToSolved() {
        for (TicketStatus from : new TicketStatus[] { OPEN, PENDING, ON_HOLD }) {
            for (TicketStatus to : new TicketStatus[] { OPEN, PENDING, ON_HOLD, SOLVED }) {
                if (from != to) {
                    assertThat(StatusWorkflow.allowed(from, to)).as(from + " -> " + to).isTrue();
                }
            }
        }
        assertThat(StatusWorkflow.allowed(NEW, SOLVED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void nothingGoesBackToNew(TicketStatus from) {
        assertThat(StatusWorkflow.allowed(from, NEW)).isFalse();
    }

    @Test
    void solvedReopensOrClosesAndClosedIsFinal() {
        assertThat(StatusWorkflow.allowed(SOLVED, OPEN)).isTrue();
        assertThat(StatusWorkflow.isReopen(SOLVED, OPEN)).isTrue();
        assertThat(StatusWorkflow.allowed(SOLVED, CLOSED)).isTrue();
        assertThat(StatusWorkflow.allowed(SOLVED, PENDING)).isFalse();
        for (TicketStatus to : TicketStatus.values()) {
            assertThat(StatusWorkflow.allowed(CLOSED, to)).isFalse();
        }
        assertThat(StatusWorkflow.allowed(OPEN, CLOSED)).as("close only after solving").isFalse();
    }

    @Test
    void aRefusalNamesWhatIsAllowed() {
        assertThatThrownBy(() -> StatusWorkflow.check(SOLVED, PENDING))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("solved").hasMessageContaining("[open, closed]")
                .extracting(e -> ((ProblemException) e).status()).isEqualTo(409);
    }
}
