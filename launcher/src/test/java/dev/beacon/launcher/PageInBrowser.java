package dev.beacon.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.testsupport.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public page as a person's browser shows it, for the backbone test: Debian's
 * headless Chromium opening the gateway's pages, and another site on loopback — another
 * origin — whose page carries the status page's one-line widget.
 */
final class PageInBrowser implements AutoCloseable {

	private final ChromeDriver browser;

	private final int gatewayPort;

	private final HttpServer otherSite;

	private volatile String otherSitePage = "";

	private PageInBrowser(ChromeDriver browser, int gatewayPort, HttpServer otherSite) {
		this.browser = browser;
		this.gatewayPort = gatewayPort;
		this.otherSite = otherSite;
	}

	/**
	 * Starts the browser, or skips the calling test when Debian's chromium is not
	 * installed (under {@code CI} it fails instead).
	 */
	static PageInBrowser start(int gatewayPort) throws IOException {
		Chromium.requireInstalled();
		HttpServer otherSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		PageInBrowser page = new PageInBrowser(Chromium.start(true), gatewayPort, otherSite);
		otherSite.createContext("/", (exchange) -> {
			byte[] body = page.otherSitePage.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		otherSite.start();
		return page;
	}

	/**
	 * Opens {@code /status/{slug}} and returns once its WebSocket is live, with a marker
	 * on the window that a reload would lose.
	 */
	void open(String slug) {
		this.browser.get("http://127.0.0.1:" + this.gatewayPort + "/status/" + slug);
		this.browser.executeScript("window.beaconSamePage = true");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "websocket".equals(this.browser.findElement(By.tagName("body")).getAttribute("data-live")));
	}

	/** Whether the page opened by {@link #open} is still the same, never reloaded. */
	boolean neverReloaded() {
		return Boolean.TRUE.equals(this.browser.executeScript("return window.beaconSamePage === true"));
	}

	/**
	 * Waits until the open page shows {@code status} (the words next to the colour) for
	 * one component. Every read looks the component up again: a new version swaps the
	 * part of the page that holds it.
	 */
	void awaitComponentStatus(UUID component, String status, Duration atMost) {
		await().atMost(atMost)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
			.until(() -> status.equals(componentStatus(component)));
	}

	private String componentStatus(UUID component) {
		List<WebElement> found = this.browser.findElements(By.cssSelector("[data-id='" + component + "'] .c-status"));
		return found.isEmpty() ? null : found.get(0).getText();
	}

	/**
	 * Opens a page of another site — {@code localhost} on a port of its own, so another
	 * origin than the gateway's {@code 127.0.0.1} — that carries the widget's one line,
	 * and returns what the widget shows once it has read the page's status.
	 */
	String widgetOnAnotherSite(String slug) {
		String widget = "http://127.0.0.1:" + this.gatewayPort + "/status/" + slug + "/widget.js";
		this.otherSitePage = """
				<!doctype html>
				<html lang="en"><head><title>Another site</title></head>
				<body><p>Our service: <script src="%s" async></script></p></body></html>
				""".formatted(widget);
		String site = "http://localhost:" + this.otherSite.getAddress().getPort() + "/";
		this.browser.get(site);
		assertThat(this.browser.executeScript("return location.origin")).isEqualTo(site.substring(0, site.length() - 1))
			.isNotEqualTo("http://127.0.0.1:" + this.gatewayPort);
		String[] shown = new String[1];
		await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(NoSuchElementException.class).until(() -> {
			shown[0] = this.browser.findElement(By.cssSelector("a.beacon-status-widget")).getText();
			return !shown[0].isEmpty() && !shown[0].startsWith("Loading");
		});
		return shown[0];
	}

	/** Where the widget's link leads. */
	String widgetLink() {
		return this.browser.findElement(By.cssSelector("a.beacon-status-widget")).getAttribute("href");
	}

	@Override
	public void close() {
		this.browser.quit();
		this.otherSite.stop(0);
	}

}
