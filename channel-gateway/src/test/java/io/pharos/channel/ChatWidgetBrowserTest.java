package io.pharos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;

import io.pharos.testing.ChatClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The embeddable chat widget as a visitor's phone shows it (Debian's Chromium, headless, 375 px)
 * talking to the real service, with an agent on the other end of the socket: the visitor starts
 * a chat, the agent sees the draft and the message, the reply and "agent is typing" appear, a
 * reload shows the whole conversation again, and axe-core finds no serious accessibility issue.
 */
@QuarkusTest
class ChatWidgetBrowserTest {

    static final String CHROMIUM = System.getProperty("pharos.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("pharos.chromedriver", "/usr/bin/chromedriver");

    static WebDriver browser;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void start() {
        LiveChatTest.consumerReady();
        assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver)").exists();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=375,740");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build(),
                options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebElement visible(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    @Test
    void aVisitorChatsWithAnAgentThroughTheWidget() throws Exception {
        try (ChatClient agent = ChatClient.connect(base, LiveChatTest.agentSocket("nikos"))) {
            agent.next("ready");
            browser.get(base.resolve("/chat-widget/index.html?channel=acme-chat&lang=en").toString());
            visible(By.id("name")).sendKeys("Maria");
            assertThat(browser.findElement(By.id("offline-note")).isDisplayed()).as("an agent is online").isFalse();
            browser.findElement(By.cssSelector("#start button")).click();

            WebElement text = visible(By.id("text"));
            awaitText(By.id("status"), "We are online");
            text.sendKeys("My parcel 7781 is late");
            JsonNode draft = agent.next(f -> "typing".equals(f.path("type").asText()) && f.path("draft").asText().startsWith("My parcel"),
                    Duration.ofSeconds(10));
            String sessionId = draft.path("sessionId").asText();
            text.sendKeys(Keys.ENTER);
            JsonNode message = agent.next("message");
            assertThat(message.path("text").asText()).isEqualTo("My parcel 7781 is late");
            assertThat(message.path("visitor").path("name").asText()).isEqualTo("Maria");
            awaitText(By.cssSelector("#log li.visitor:not(.pending)"), "My parcel 7781 is late");

            agent.send(Map.of("type", "typing", "sessionId", sessionId, "typing", true));
            awaitText(By.id("typing"), "An agent is typing");
            LiveChatTest.reply(sessionId, UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Sorry Maria, it leaves today.", null);
            awaitText(By.cssSelector("#log li.agent"), "Sorry Maria, it leaves today.");

            assertThat(seriousViolations()).isEmpty();

            // a reload resumes the same session and shows the whole conversation
            browser.navigate().refresh();
            awaitText(By.cssSelector("#log li.agent"), "Sorry Maria, it leaves today.");
            assertThat(browser.findElements(By.cssSelector("#log li.visitor, #log li.agent"))).extracting(WebElement::getText)
                    .containsExactly("My parcel 7781 is late", "Sorry Maria, it leaves today.");
        }
    }

    static List<String> seriousViolations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")).analyze(browser);
        assertThat(results.getErrorMessage()).as("axe ran").isNull();
        assertThat(results.getPasses()).as("axe checked something").isNotEmpty();
        return results.getViolations().stream().filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).toList()).toList();
    }
}
