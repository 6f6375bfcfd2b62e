package io.pharos.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadsheetCsvTest {

    @Test
    void textThatSpreadsheetsWouldRunGetsALeadingApostropheAndNumbersStayNumbers() {
        String csv = SpreadsheetCsv.write(List.of("group", "nps", "volume"), List.of(
                Arrays.asList("=1+2", -12.5, 3L),
                Arrays.asList("+44 20", -0.004, 0L),
                Arrays.asList("-5", Double.NaN, null),
                Arrays.asList("@SUM(A1)", 7.0, 1),
                Arrays.asList("\tcmd", 1.0, 1),
                Arrays.asList("\r=x", 1.0, 1),
                Arrays.asList("plain, with \"quotes\"", 1.0, 1),
                Arrays.asList("", 1.0, 1)));
        assertThat(csv.split("\r\n", -1)).containsExactly(
                "\"group\",\"nps\",\"volume\"",
                "\"'=1+2\",-12.50,3",
                "\"'+44 20\",0.00,0",
                "\"'-5\",,",
                "\"'@SUM(A1)\",7.00,1",
                "\"'\tcmd\",1.00,1",
                "\"'\r=x\",1.00,1",
                "\"plain, with \"\"quotes\"\"\",1.00,1",
                "\"\",1.00,1",
                "");
    }

    @Test
    void onlyTheFirstCharacterCounts() {
        assertThat(SpreadsheetCsv.neutralise("a=b")).isEqualTo("a=b");
        assertThat(SpreadsheetCsv.neutralise("=")).isEqualTo("'=");
        assertThat(SpreadsheetCsv.neutralise("")).isEmpty();
    }
}
