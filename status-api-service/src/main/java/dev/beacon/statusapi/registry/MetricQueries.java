package dev.beacon.statusapi.registry;

import reactor.core.publisher.Mono;

/** Checks a page metric's PromQL before it is saved, by asking Prometheus to parse it. */
public interface MetricQueries {

	/**
	 * Completes when Prometheus parses {@code query}; fails with
	 * {@link QueryRefusedException} carrying Prometheus's own message when it does not,
	 * and with {@link QueriesUncheckableException} when no Prometheus can be asked.
	 */
	Mono<Void> check(String query);

	/** Prometheus cannot parse the query. */
	class QueryRefusedException extends RuntimeException {

		public QueryRefusedException(String message) {
			super(message);
		}

	}

	/**
	 * The query could not be checked: no Prometheus server is configured
	 * ({@code configured} false), or it does not answer.
	 */
	class QueriesUncheckableException extends RuntimeException {

		private final boolean configured;

		public QueriesUncheckableException(boolean configured, String message) {
			super(message);
			this.configured = configured;
		}

		public boolean configured() {
			return this.configured;
		}

	}

}
