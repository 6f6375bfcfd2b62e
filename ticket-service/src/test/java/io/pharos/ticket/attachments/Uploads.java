package io.pharos.ticket.attachments;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Agents' uploads and signed downloads, as a client makes them. */
final class Uploads {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private Uploads() {
    }

    /** {@code POST /api/v1/attachments}: the bytes as part {@code file} named {@code partName}, and a {@code fileName} field when given. */
    static ValidatableResponse upload(String token, byte[] content, String partName, String declaredType, String fileName) {
        var request = given().auth().oauth2(token).multiPart("file", partName, content, declaredType);
        if (fileName != null) {
            request = request.multiPart(new MultiPartSpecBuilder(fileName).controlName("fileName").mimeType("text/plain")
                    .charset(StandardCharsets.UTF_8).build());
        }
        return request.post("/api/v1/attachments").then();
    }

    static JsonPath uploaded(String token, byte[] content, String partName, String declaredType) {
        return upload(token, content, partName, declaredType, null).statusCode(201).extract().jsonPath();
    }

    /** A signed link as the test server answers it (the link names the public URL, the test server listens elsewhere). */
    static String local(String downloadUrl) {
        URI uri = URI.create(downloadUrl);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
