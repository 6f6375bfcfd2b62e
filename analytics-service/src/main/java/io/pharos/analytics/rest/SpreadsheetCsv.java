package io.pharos.analytics.rest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV that is safe to open in a spreadsheet (OWASP "CSV injection"): every text cell is quoted, and
 * one that begins with {@code = + - @}, a tab or a carriage return gets a leading {@code '} so that
 * no spreadsheet runs it as a formula (a team named {@code =HYPERLINK(…)} is shown, not followed).
 * Numbers are written as numbers, unquoted and unprefixed: {@code -12.50} stays a negative number.
 * Quoting and escaping are Jackson's CSV generator's (RFC 4180, CRLF line ends).
 */
final class SpreadsheetCsv {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private SpreadsheetCsv() {
    }

    /** The header and the rows; each cell a text, a number or null (an empty cell). */
    static String write(List<String> header, List<List<Object>> rows) {
        // columns by position: an empty (null) cell keeps its place; the header is written quoted like any text
        CsvSchema schema = CsvSchema.builder().addColumns(header.stream().map(SpreadsheetCsv::neutralise).toList(),
                CsvSchema.ColumnType.NUMBER_OR_STRING).setUseHeader(true).setLineSeparator("\r\n").build();
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = CSV.writer(schema).writeValues(out)) {
            for (List<Object> row : rows) {
                writer.write(row.stream().map(SpreadsheetCsv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A cell as written: text neutralised, floating-point figures with two decimals, NaN and infinity empty. */
    static Object cell(Object value) {
        if (value == null || value instanceof Number) {
            return value instanceof Double || value instanceof Float ? decimal(((Number) value).doubleValue()) : value;
        }
        return neutralise(value.toString());
    }

    private static BigDecimal decimal(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
    }

    /** The text with a leading {@code '} when a spreadsheet would read it as a formula. */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
