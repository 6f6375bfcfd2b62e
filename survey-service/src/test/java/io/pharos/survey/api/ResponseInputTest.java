package io.pharos.survey.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.pharos.contracts.Channel;

class ResponseInputTest {

    @Test
    void theChannelPatternIsTheContractsChannels() {
        assertThat(ResponseInput.CHANNELS.split("\\|")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Channel.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }
}
