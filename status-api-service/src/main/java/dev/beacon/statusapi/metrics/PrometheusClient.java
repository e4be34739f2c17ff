package dev.beacon.statusapi.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus's HTTP API, as this service uses it: an instant query, a range query and a
 * parse check. Every call has a timeout and goes through the server's bulkhead (a bounded
 * number in flight, the rest refused at once) and circuit breaker (after repeated
 * failures Prometheus is left alone for a while). A refused query is not a failure of the
 * server.
 */
class PrometheusClient {

	/**
	 * Larger answers are not read: a page metric is one series of at most a few hundred
	 * points.
	 */
	private static final int MAX_ANSWER_BYTES = 1024 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	private final Duration timeout;

	private final HttpClient http;

	private final CircuitBreaker circuitBreaker;

	private final Bulkhead bulkhead;

	PrometheusClient(URI server, Duration timeout, CircuitBreaker circuitBreaker, Bulkhead bulkhead) {
		String url = server.toString();
		this.base = URI.create(url.endsWith("/") ? url : url + "/");
		this.timeout = timeout;
		// Prometheus is the operator's own server, named in configuration: not an
		// outbound target a user chose, so no address guard
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
		this.circuitBreaker = circuitBreaker;
		this.bulkhead = bulkhead;
	}

	/**
	 * The query's value now: one number, or none (with why) when there is no single one.
	 */
	Mono<Instantaneous> instant(String query) {
		return call("api/v1/query", Map.of("query", query)).map(PrometheusClient::instantaneous);
	}

	/**
	 * The query's values over {@code range} until now, at most {@code points} of them.
	 */
	Mono<List<Sample>> range(String query, Duration range, int points) {
		Instant end = Instant.now();
		long step = Math.max(1, range.toSeconds() / points);
		return call("api/v1/query_range", Map.of("query", query, "start", seconds(end.minus(range)), "end",
				seconds(end), "step", String.valueOf(step)))
			.map(PrometheusClient::series);
	}

	/** Completes when Prometheus parses the query; fails with its message otherwise. */
	Mono<Void> parse(String query) {
		return call("api/v1/format_query", Map.of("query", query)).then();
	}

	private Mono<JsonNode> call(String path, Map<String, String> form) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(this.timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build();
		return Mono.fromFuture(() -> this.http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()))
			.publishOn(Schedulers.boundedElastic())
			.map(PrometheusClient::read)
			.timeout(this.timeout)
			.onErrorMap(this::describe)
			.transformDeferred(BulkheadOperator.of(this.bulkhead))
			.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker))
			.onErrorMap(CallNotPermittedException.class,
					(ex) -> new PrometheusUnavailableException(
							"Prometheus failed repeatedly; it is left alone for a while"))
			.onErrorMap(BulkheadFullException.class,
					(ex) -> new PrometheusUnavailableException("too many queries to Prometheus at once"));
	}

	/** Reads Prometheus's answer: the data of a success, a typed failure otherwise. */
	private static JsonNode read(HttpResponse<InputStream> response) {
		byte[] body;
		try (InputStream in = response.body()) {
			body = in.readNBytes(MAX_ANSWER_BYTES + 1);
		}
		catch (IOException ex) {
			throw new PrometheusUnavailableException("Prometheus's answer could not be read: " + ex.getMessage());
		}
		if (body.length > MAX_ANSWER_BYTES) {
			throw new PrometheusQueryException("the query's answer is larger than a page metric can be");
		}
		JsonNode answer;
		try {
			answer = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new PrometheusUnavailableException(
					"Prometheus answered " + response.statusCode() + " without its JSON");
		}
		int status = response.statusCode();
		if (status == 200 && "success".equals(answer.path("status").asString(""))) {
			return answer.path("data");
		}
		String error = answer.path("error").asString("");
		// bad_data (400) and execution (422) errors are the query's; anything else the
		// server's
		if (status == 400 || status == 422) {
			throw new PrometheusQueryException(error.replaceFirst("^invalid parameter \"query\": ", ""));
		}
		throw new PrometheusUnavailableException(
				"Prometheus answered " + status + (error.isEmpty() ? "" : ": " + error));
	}

	private Throwable describe(Throwable failure) {
		if (failure instanceof PrometheusQueryException || failure instanceof PrometheusUnavailableException) {
			return failure;
		}
		if (failure instanceof TimeoutException || failure instanceof HttpTimeoutException) {
			return new PrometheusUnavailableException(
					"Prometheus did not answer within " + this.timeout.toMillis() + " ms");
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException) {
				return new PrometheusUnavailableException(
						"Prometheus did not answer within " + this.timeout.toMillis() + " ms");
			}
			if (cause instanceof ConnectException) {
				return new PrometheusUnavailableException("Prometheus is unreachable");
			}
		}
		return new PrometheusUnavailableException(
				"Prometheus could not be queried: " + failure.getClass().getSimpleName());
	}

	private static Instantaneous instantaneous(JsonNode data) {
		String type = data.path("resultType").asString("");
		JsonNode result = data.path("result");
		if ("scalar".equals(type)) {
			return Instantaneous.of(result.get(1).asString(""));
		}
		if (!"vector".equals(type)) {
			return Instantaneous.none("the query gives a " + type + ", not a number");
		}
		if (result.isEmpty()) {
			return Instantaneous.none("no data");
		}
		if (result.size() > 1) {
			return Instantaneous.none("the query gives " + result.size()
					+ " series; a page metric needs one (aggregate them, for example with sum())");
		}
		return Instantaneous.of(result.get(0).path("value").get(1).asString(""));
	}

	private static List<Sample> series(JsonNode data) {
		JsonNode result = data.path("result");
		List<Sample> samples = new ArrayList<>();
		if (!"matrix".equals(data.path("resultType").asString("")) || result.size() != 1) {
			return samples;
		}
		for (JsonNode point : result.get(0).path("values")) {
			Double value = number(point.get(1).asString(""));
			if (value != null) {
				long millis = Math.round(point.get(0).asDouble() * 1000);
				samples.add(new Sample(Instant.ofEpochMilli(millis), value));
			}
		}
		return samples;
	}

	/** A finite number, or null for NaN, ±Inf and anything unreadable. */
	static Double number(String text) {
		try {
			double value = Double.parseDouble(text);
			return Double.isFinite(value) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String seconds(Instant instant) {
		return String.valueOf(instant.toEpochMilli() / 1000.0);
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** A query's value now, or why there is none. */
	record Instantaneous(Double value, String reason) {

		static Instantaneous of(String text) {
			Double value = number(text);
			return (value != null) ? new Instantaneous(value, null)
					: new Instantaneous(null, "the query's value is not a finite number");
		}

		static Instantaneous none(String reason) {
			return new Instantaneous(null, reason);
		}

	}

}
