package io.pharos.commons.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pharos.commons.rest.ProblemException;

class CursorTest {

    @Test
    void roundTripsToTheMicrosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-03-20T09:15:00.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void aForgedCursorIsABadRequest() {
        assertThatThrownBy(() -> Cursor.decode("bm90LWEtY3Vyc29y")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("cursor");
    }
}
