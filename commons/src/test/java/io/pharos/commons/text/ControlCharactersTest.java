package io.pharos.commons.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pharos.commons.json.ControlCharacterStrings;

class ControlCharactersTest {

    @Test
    void dropsC0AndC1ControlsButKeepsTabsAndLineBreaks() {
        assertThat(ControlCharacters.strip("a\u0000b\u0007c\u001bd\u007fe\u0085f")).isEqualTo("abcdef");
        assertThat(ControlCharacters.strip("line\r\nnext\tcol")).isEqualTo("line\r\nnext\tcol");
        assertThat(ControlCharacters.strip("Καλημέρα 👍")).isEqualTo("Καλημέρα 👍");
        String clean = "nothing to do";
        assertThat(ControlCharacters.strip(clean)).isSameAs(clean);
        assertThat(ControlCharacters.strip((String) null)).isNull();
    }

    @Test
    void stripsEveryStringOfAJsonTree() throws Exception {
        ObjectMapper plain = new ObjectMapper();
        JsonNode tree = plain.readTree("{\"a\":\"x\\u0000y\",\"list\":[\"\\u0001z\",{\"b\":\"w\\u0000\"}],\"n\":1}");
        assertThat(ControlCharacters.strip(tree).toString()).isEqualTo("{\"a\":\"xy\",\"list\":[\"z\",{\"b\":\"w\"}],\"n\":1}");
    }

    record Input(String text, java.util.List<String> tags) {
    }

    @Test
    void theObjectMapperDropsThemFromEveryStringItReads() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new ControlCharacterStrings().customize(mapper);
        Input in = mapper.readValue("{\"text\":\"It\\u0000 broke\",\"tags\":[\"a\\u0000b\"]}", Input.class);
        assertThat(in.text()).isEqualTo("It broke");
        assertThat(in.tags()).containsExactly("ab");
    }
}
