package dev.beacon.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * A client filter for tests: when a request has no answer after a while, prints what
 * every thread of the JVM and every session of the database are doing, so that a hang on
 * a CI machine can be understood from its log. It only reports; the request's own timeout
 * still fails the test.
 */
final class SlowRequestReport {

	private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "slow-request-report");
		thread.setDaemon(true);
		return thread;
	});

	private SlowRequestReport() {
	}

	static ExchangeFilterFunction after(Duration delay, Supplier<String> databaseActivity) {
		return (request, next) -> {
			String described = request.method() + " " + request.url();
			ScheduledFuture<?> report = timer.schedule(() -> print(described, delay, databaseActivity),
					delay.toMillis(), TimeUnit.MILLISECONDS);
			return next.exchange(request).doFinally((signal) -> report.cancel(false));
		};
	}

	private static void print(String request, Duration delay, Supplier<String> databaseActivity) {
		StringBuilder report = new StringBuilder();
		report.append("\n=== No answer to ").append(request).append(" after ").append(delay).append(" ===\n");
		for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
			Thread thread = entry.getKey();
			report.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
			for (StackTraceElement frame : entry.getValue()) {
				report.append("    at ").append(frame).append('\n');
			}
		}
		report.append("=== Database sessions ===\n").append(databaseActivity.get());
		report.append("=== End of the report on ").append(request).append(" ===\n");
		System.err.print(report);
	}

}
