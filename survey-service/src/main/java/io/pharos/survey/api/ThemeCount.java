package io.pharos.survey.api;

import java.util.List;

/** How often a theme came up in a period, with a few recent comments that show it. */
public record ThemeCount(String theme, long count, long negative, List<String> examples) {
}
