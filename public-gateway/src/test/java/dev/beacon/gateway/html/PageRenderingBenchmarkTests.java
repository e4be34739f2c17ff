package dev.beacon.gateway.html;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import dev.beacon.gateway.html.PageDocuments.Mood;
import dev.beacon.gateway.pages.PublishedPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long the server takes to make the HTML of a page of 50 components, gzip-compressed
 * as sent: per request (the answer is made once per version and second), once per second
 * (the page around its components, which are made once per version and minute, then
 * compressed) and from scratch (a new version's first request). A timing on a shared
 * machine is not a test of the build, so it runs on request:
 * {@code -Dbeacon.benchmark=true} (docs/benchmarks.md).
 */
@EnabledIfSystemProperty(named = "beacon.benchmark", matches = "true",
		disabledReason = "a timing; run with -Dbeacon.benchmark=true (docs/benchmarks.md)")
class PageRenderingBenchmarkTests {

	static final int WARM_UP = Integer.getInteger("beacon.benchmark.warmup", 5_000);

	static final int MEASURED = Integer.getInteger("beacon.benchmark.runs", 10_000);

	static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Test
	void rendersFiftyComponentsWithinFiveMillisecondsAtP99() {
		HtmlRenderer renderer = new HtmlRenderer(engine());
		RenderedPages rendered = new RenderedPages(renderer);
		Instant now = Instant.now();
		PublishedPage large = PageDocuments.large(50, now);
		PublishedPage demo = PageDocuments.demo(Mood.OUTAGE, now);
		Supplier<byte[]> request = () -> rendered.page(large, Instant.now()).gzip();
		// each call a new second of the same minute: the components are reused, the
		// page around them is rendered and the whole compressed again
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		int[] second = { 0 };
		Supplier<byte[]> perSecond = () -> rendered.page(large, minute.plusSeconds(second[0]++ % 60)).gzip();
		Supplier<byte[]> scratch = () -> RenderedPages.Html
			.of(renderer.page(PageViews.of(large.document(), large.generatedAt(), now)))
			.gzip();
		for (int i = 0; i < WARM_UP; i++) {
			request.get();
			perSecond.get();
			scratch.get();
			rendered.page(demo, Instant.now());
		}
		Timings perRequest = measure(request);
		Timings oncePerSecond = measure(perSecond);
		Timings fromScratch = measure(scratch);
		String report = String.format(Locale.ROOT,
				"50 components, %d bytes of HTML, %d gzip-compressed%n  per request:     %s%n"
						+ "  once per second: %s%n  from scratch:    %s",
				rendered.page(large, now).bytes().length, request.get().length, perRequest, oncePerSecond, fromScratch);
		System.out.println(report);
		// CPU time: on a shared machine the wall clock also counts the time other
		// processes hold the cores (both are reported)
		assertThat(perRequest.cpuP99()).as(report).isLessThan(5.0);
		assertThat(oncePerSecond.cpuP99()).as(report).isLessThan(5.0);
	}

	private static Timings measure(Supplier<byte[]> render) {
		long[] wall = new long[MEASURED];
		long[] cpu = new long[MEASURED];
		long bytes = 0;
		for (int i = 0; i < MEASURED; i++) {
			long startCpu = threads.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			bytes += render.get().length;
			wall[i] = System.nanoTime() - start;
			cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
		}
		assertThat(bytes).isPositive();
		Arrays.sort(wall);
		Arrays.sort(cpu);
		return new Timings(millis(wall, 0.5), millis(wall, 0.99), millis(cpu, 0.5), millis(cpu, 0.99),
				wall[MEASURED - 1] / 1e6);
	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
	}

	/**
	 * The engine as Spring Boot configures it from gateway.yml: cached, expressions
	 * compiled.
	 */
	private static SpringTemplateEngine engine() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setEnableSpringELCompiler(true);
		return engine;
	}

	record Timings(double wallP50, double wallP99, double cpuP50, double cpuP99, double wallMax) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"wall p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU p50 %.2f ms, p99 %.2f ms", this.wallP50,
					this.wallP99, this.wallMax, this.cpuP50, this.cpuP99);
		}

	}

}
