package dev.beacon.gateway.html;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.beacon.gateway.GatewayApplication;
import dev.beacon.gateway.html.PageDocuments.Mood;
import dev.beacon.testsupport.Chromium;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real browser (Debian's headless Chromium): what a person sees, with and
 * without JavaScript, and a new version arriving on the open page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0" })
@Import(PageStoreConfiguration.class)
class StatusPageBrowserTests {

	/**
	 * {@code -Dbeacon.screenshots=docs/screenshots} keeps them; otherwise they stay in
	 * target.
	 */
	static final Path SCREENSHOTS = Path.of(System.getProperty("beacon.screenshots", "target/screenshots"));

	static ChromeDriver browser;

	@Value("${local.server.port}")
	int port;

	@Autowired
	InMemoryPublishedPages pages;

	@BeforeAll
	static void startBrowser() {
		Chromium.requireInstalled();
		browser = Chromium.start(true);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	String url(String path) {
		// *.localhost resolves to loopback in Chromium itself; the page is also served by
		// host
		return "http://127.0.0.1:" + this.port + path;
	}

	@Test
	void showsEachComponentWithItsStatusInColourAndWords() {
		this.pages.publish(PageDocuments.demo(Mood.OUTAGE, Instant.now()));
		browser.get(url("/status/demo"));
		assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Partial Outage");
		assertThat(component("Payments").getAttribute("class")).contains("s-outage");
		assertThat(component("Payments").findElement(By.className("c-status")).getText()).isEqualTo("Outage");
		assertThat(component("Worker").findElement(By.className("c-status")).getText())
			.isEqualTo("Partially degraded (1/3 pods)");
		assertThat(component("Worker").findElement(By.className("c-reason")).getText())
			.startsWith("1/3 pods ready: CrashLoopBackOff · for 9 min");
		assertThat(component("Web").findElement(By.className("c-status")).getText()).isEqualTo("Operational");
		// the colour comes from the style sheet, served by the gateway itself
		assertThat(component("Payments").findElement(By.className("c-status")).getCssValue("color"))
			.isNotEqualTo(component("Web").findElement(By.className("c-status")).getCssValue("color"));
		assertThat(browser.findElement(By.cssSelector(".incidents h3")).getText()).isEqualTo("Payments are failing");
		assertThat(browser.findElement(By.id("subscribe")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.className("zone")).getText()).contains("Europe/Berlin", "your time zone");
	}

	@Test
	void readsEachDayByKeyboard() {
		this.pages.publish(PageDocuments.demo(Mood.OPERATIONAL, Instant.now()));
		browser.get(url("/status/demo"));
		WebElement bars = component("Web").findElement(By.cssSelector("figure.bars"));
		browser.executeScript("arguments[0].focus()", bars);
		WebElement tip = bars.findElement(By.className("tip"));
		assertThat(tip.getText()).contains("100% uptime");
		bars.sendKeys(Keys.HOME);
		assertThat(tip.getText()).endsWith(": no data");
		bars.sendKeys(Keys.END, Keys.ARROW_LEFT);
		assertThat(tip.getText()).contains("uptime").isNotEqualTo("");
	}

	@Test
	void showsANewVersionOnTheOpenPageWithinTwoSeconds() {
		this.pages.publish(PageDocuments.demo(Mood.OPERATIONAL, Instant.now()));
		browser.get(url("/status/demo"));
		// the stream's first message is the current version, which may swap the live part
		// under a found element: every read looks the element up again
		new WebDriverWait(browser, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> "All Systems Operational".equals(driver.findElement(By.id("overall")).getText()));
		browser.executeScript("window.beaconSamePage = true");
		// the push path itself: the page's WebSocket is open before the new version
		// exists
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> "websocket".equals(driver.findElement(By.tagName("body")).getAttribute("data-live")));
		Instant published = Instant.now();
		this.pages.publish(PageDocuments.demo(Mood.OUTAGE, published));
		new WebDriverWait(browser, Duration.ofSeconds(2)).pollingEvery(Duration.ofMillis(50))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> "Partial Outage".equals(driver.findElement(By.id("overall")).getText()));
		assertThat(Duration.between(published, Instant.now())).isLessThan(Duration.ofSeconds(2));
		assertThat(browser.executeScript("return window.beaconSamePage")).isEqualTo(true);
		assertThat(component("Payments").findElement(By.className("c-status")).getText()).isEqualTo("Outage");
	}

	@Test
	void isCompleteWithJavaScriptOff() {
		this.pages.publish(PageDocuments.demo(Mood.DEGRADED, Instant.now()));
		ChromeDriver plain = Chromium.start(false);
		try {
			plain.get(url("/status/demo"));
			assertThat(plain.findElement(By.id("overall")).getText()).isEqualTo("Partially Degraded");
			assertThat(plain.findElements(By.cssSelector(".component"))).hasSize(5);
			assertThat(plain.findElement(By.cssSelector("[data-id] .c-status")).getCssValue("color")).isNotEmpty();
			assertThat(plain.findElements(By.cssSelector(".days rect title"))).hasSize(5 * 90);
			assertThat(plain.findElements(By.cssSelector("svg.rt"))).hasSize(3);
			assertThat(plain.findElement(By.className("zone")).getText())
				.isEqualTo("Times are shown in this page's time zone, Europe/Berlin.");
			assertThat(plain.findElement(By.id("subscribe")).isDisplayed()).isFalse();
			assertThat(plain.findElement(By.cssSelector(".maintenance h3")).getText()).isEqualTo("Database upgrade");
		}
		finally {
			plain.quit();
		}
	}

	@Test
	void rendersTheEmbedAndTheBadge() {
		this.pages.publish(PageDocuments.demo(Mood.DEGRADED, Instant.now()));
		browser.get(url("/status/demo/embed"));
		assertThat(browser.findElement(By.className("banner")).getText()).contains("Demo Shop", "Partially Degraded");
		assertThat(browser.findElements(By.cssSelector(".mini-c"))).extracting(WebElement::getText)
			.containsExactly("API — Degraded performance", "Worker — Partially degraded (1/3 pods)");
		browser.get(url("/status/demo/badge.svg"));
		assertThat(browser.findElements(By.tagName("text"))).extracting(WebElement::getText)
			.containsExactly("status", "partially degraded");
		Number width = (Number) browser.executeScript("return document.documentElement.getBoundingClientRect().width");
		assertThat(width.intValue()).isBetween(100, 200);
	}

	@Test
	void looksRightOnADesktopAndAPhone() {
		for (Mood mood : Mood.values()) {
			this.pages.publish(PageDocuments.demo(mood, Instant.now().minusSeconds(12)));
			for (List<Integer> size : List.of(List.of(1280, 800), List.of(390, 844))) {
				boolean phone = size.get(0) < 500;
				Chromium.viewport(browser, size.get(0), size.get(1), phone);
				browser.get(url("/status/demo"));
				new WebDriverWait(browser, Duration.ofSeconds(5))
					.until((driver) -> driver.findElement(By.className("age")).getText().endsWith("s ago"));
				Number overflow = (Number) browser.executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth");
				assertThat(overflow.intValue()).as("no sideways scrolling at %d px", size.get(0)).isZero();
				Chromium.screenshots(browser, SCREENSHOTS, mood.name().toLowerCase() + (phone ? "-phone" : "-desktop"),
						size.get(0), size.get(1));
			}
		}
		// and once in the dark, as a system in dark mode shows it
		browser.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		Chromium.viewport(browser, 1280, 800, false);
		browser.get(url("/status/demo"));
		Chromium.screenshots(browser, SCREENSHOTS, "outage-desktop-dark", 1280, 800);
		browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	private WebElement component(String name) {
		return browser.findElements(By.cssSelector(".component"))
			.stream()
			.filter((component) -> component.findElement(By.className("c-name")).getText().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
