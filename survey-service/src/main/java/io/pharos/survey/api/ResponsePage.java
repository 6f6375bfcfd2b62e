package io.pharos.survey.api;

import java.util.List;

/** A page of responses, newest first; {@code next} is the cursor of the following page or null. */
public record ResponsePage(List<ResponseDto> items, String next) {
}
