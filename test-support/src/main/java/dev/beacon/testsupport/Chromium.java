package dev.beacon.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly
 * so that Selenium never tries to download a browser (the machine has no network). A
 * module that uses it declares Selenium ({@code selenium-chrome-driver}) itself: this
 * module keeps it optional, so that the others do not carry a browser driver.
 */
public final class Chromium {

	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	/**
	 * CI installs both (.ci/run); elsewhere a missing browser skips the browser tests,
	 * saying so.
	 */
	public static void requireInstalled() {
		boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
		if (!installed && System.getenv("CI") != null) {
			throw new IllegalStateException("CI must install Debian's chromium and chromium-driver (.ci/run does)");
		}
		Assumptions.assumeTrue(installed,
				"Debian's chromium and chromium-driver are not installed: apt-get install chromium chromium-driver");
	}

	public static ChromeDriver start(boolean javaScript) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + freshProfile());
		if (!javaScript) {
			options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/** The viewport at exactly this size, as a phone (touch, mobile) or a desktop. */
	public static void viewport(ChromeDriver browser, int width, int height, boolean phone) {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
		browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", phone));
	}

	/** The viewport as a person sees it, and the whole page below it. */
	public static void screenshots(ChromeDriver browser, Path directory, String name, int width, int height) {
		try {
			Files.createDirectories(directory);
			Files.write(directory.resolve(name + ".png"), png(browser.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "clip", clip(width, height)))));
			Number full = (Number) browser.executeScript("return document.documentElement.scrollHeight");
			Files.write(directory.resolve(name + "-full.png"), png(browser.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip", clip(width, full.intValue())))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> clip(int width, int height) {
		return Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
	}

	private static byte[] png(Map<String, Object> answer) {
		return Base64.getDecoder().decode((String) answer.get("data"));
	}

	private static String freshProfile() {
		try {
			File profile = Files.createTempDirectory("beacon-chromium").toFile();
			profile.deleteOnExit();
			return profile.getAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
