package io.pharos.survey.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import io.pharos.survey.service.TicketEventFixtures;
import io.pharos.survey.service.SurveyTokens;
import io.pharos.testing.KafkaEvents;
import io.pharos.testing.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hosted response page as a customer's phone shows it: Debian's Chromium, headless, at a
 * 375 px wide viewport. One browser has JavaScript switched off (the page must work without it);
 * another runs axe-core inside the page for the accessibility check.
 */
@QuarkusTest
class SurveyPageBrowserTest {

    static final String CHROMIUM = System.getProperty("pharos.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("pharos.chromedriver", "/usr/bin/chromedriver");

    static WebDriver noScript;
    static WebDriver withScript;

    @TestHTTPResource("/")
    URL base;

    @Inject
    SurveyTokens tokens;

    static WebDriver chromium(boolean javascript) {
        assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver)").exists();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=375,740", "--lang=el");
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return driver;
    }

    @BeforeAll
    static void browsers() {
        TicketEventFixtures.awaitConsumer();
        noScript = chromium(false);
        withScript = chromium(true);
    }

    @AfterAll
    static void close() {
        if (noScript != null) {
            noScript.quit();
        }
        if (withScript != null) {
            withScript.quit();
        }
    }

    /** A fresh invitation, sent the way customers get them; answers the page's URL on this test server. */
    String invitationPage(String language) throws Exception {
        String tag = "t-" + UUID.randomUUID();
        TicketEventFixtures.defineCsat(tag, 0);
        try (KafkaEvents kafka = new KafkaEvents("pharos.channel.outbound")) {
            String ticket = TicketEventFixtures.solvedTicket(TicketEventFixtures.customer(language), tag);
            KafkaEvents.Event request = kafka.await(e -> ticket.equals(e.key()), 1, Duration.ofSeconds(20)).get(0);
            return base.toString().replaceAll("/$", "") + TicketEventFixtures.path(TicketEventFixtures.link(request));
        }
    }

    static List<String> seriousViolations(WebDriver driver) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .analyze(driver);
        assertThat(results.getErrorMessage()).as("axe ran").isNull();
        assertThat(results.getPasses()).as("axe checked something").isNotEmpty();
        return results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(SurveyPageBrowserTest::describe).toList();
    }

    static String describe(Rule v) {
        return v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).toList();
    }

    /** Waits for the status message (a click or a submit navigates asynchronously: the old page may still be there). */
    static void awaitStatus(WebDriver driver, String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> "status containing \"" + expected + "\" on " + driver.getCurrentUrl())
                .until(d -> d.findElement(By.cssSelector("[role=status]")).getText().contains(expected));
    }

    static boolean fitsTheScreen(WebDriver driver) {
        return (Boolean) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    static int score(String responseId) {
        return io.restassured.RestAssured.given().auth().oauth2(KeycloakTokens.integrator("acme")).when()
                .get("/api/v1/responses/" + responseId).then().statusCode(200).extract().path("score");
    }

    static String responseOf(UUID invitation) {
        return io.restassured.RestAssured.given().auth().oauth2(KeycloakTokens.integrator("acme")).when()
                .get("/api/v1/responses?limit=200").then().statusCode(200).extract().jsonPath()
                .getString("find { it.invitationId == '" + invitation + "' }.id");
    }

    @Test
    void oneTapRecordsTheScoreAndTheCommentFormWorksWithoutJavaScript() throws Exception {
        String page = invitationPage("el");
        UUID invitation = tokens.verify(page.substring(page.indexOf("/s/") + 3)).orElseThrow().invitationId();

        noScript.get(page);
        assertThat(noScript.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("el");
        assertThat(noScript.findElement(By.tagName("h1")).getText()).contains("ικανοποιημένοι");
        List<WebElement> scale = noScript.findElements(By.cssSelector("ol.scale a"));
        assertThat(scale).extracting(WebElement::getText).containsExactly("1", "2", "3", "4", "5");

        // the customer taps 5 (here: keyboard focus and Enter, as a screen-reader or keyboard user would)
        scale.get(4).sendKeys(Keys.ENTER);
        awaitStatus(noScript, "καταχωρίστηκε");
        String response = responseOf(invitation);
        assertThat(score(response)).isEqualTo(5);

        // the optional comment, through the plain form
        WebElement comment = noScript.findElement(By.id("comment"));
        assertThat(noScript.findElement(By.cssSelector("label[for=comment]")).getText()).isNotBlank();
        comment.sendKeys("Πολύ ευγενικοί και γρήγοροι, ευχαριστώ!");
        noScript.findElement(By.cssSelector("form button[type=submit]")).click();
        awaitStatus(noScript, "Σας ευχαριστούμε");
        assertThat(io.restassured.RestAssured.given().auth().oauth2(KeycloakTokens.integrator("acme")).when()
                .get("/api/v1/responses/" + response).then().statusCode(200).extract().<String> path("comment"))
                .isEqualTo("Πολύ ευγενικοί και γρήγοροι, ευχαριστώ!");

        // the link used again records nothing
        noScript.get(page + "?score=1");
        awaitStatus(noScript, "έχει ήδη καταχωριστεί");
        assertThat(score(response)).isEqualTo(5);
    }

    @Test
    void expiredAndTamperedLinksShowAFriendlyPageAndRecordNothing() throws Exception {
        String page = invitationPage("en");
        String token = page.substring(page.indexOf("/s/") + 3);
        UUID invitation = tokens.verify(token).orElseThrow().invitationId();
        String expired = page.replace(token, tokens.issue(invitation, Instant.now().minusSeconds(1)));

        noScript.get(expired + "?score=5");
        awaitStatus(noScript, "expired");
        assertThat(noScript.findElements(By.cssSelector("ol.scale a"))).isEmpty();
        noScript.get(page.replace(token, token.substring(0, token.length() - 3) + "xyz") + "?score=5");
        awaitStatus(noScript, "not valid");

        assertThat(io.restassured.RestAssured.given().auth().oauth2(KeycloakTokens.integrator("acme")).when()
                .get("/api/v1/responses?limit=200").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.invitationId == '" + invitation + "' }")).isEmpty();
    }

    @Test
    void everyStateOfThePagePassesAxeAndFitsAPhone() throws Exception {
        String page = invitationPage("en");
        String token = page.substring(page.indexOf("/s/") + 3);
        UUID invitation = tokens.verify(token).orElseThrow().invitationId();
        for (String url : List.of(page, page + "?score=3", page.replace(token, tokens.issue(invitation, Instant.now().minusSeconds(1))),
                page.replace(token, "not-a-token"))) {
            withScript.get(url);
            assertThat(seriousViolations(withScript)).as(url).isEmpty();
            assertThat(fitsTheScreen(withScript)).as("no sideways scrolling at 375 px: " + url).isTrue();
        }
    }
}
