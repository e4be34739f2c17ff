package dev.beacon.outbox;

import java.time.Duration;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;

/**
 * Listens on a connection of its own (outside the pool) for the notification every append
 * sends on commit, and wakes the relay: a row appended by another replica is published at
 * once, not at the next poll. If the connection breaks it is opened again; meanwhile the
 * relay's poll still finds every row.
 */
final class OutboxNotifications implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxNotifications.class);

	private static final Duration RECONNECT = Duration.ofSeconds(5);

	private final ConnectionFactory connections;

	private final Runnable wake;

	private volatile Disposable listening;

	OutboxNotifications(ConnectionFactory connections, Runnable wake) {
		this.connections = unwrapped(connections);
		this.wake = wake;
	}

	private static ConnectionFactory unwrapped(ConnectionFactory factory) {
		ConnectionFactory current = factory;
		while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
				&& inner != current) {
			current = inner;
		}
		return current;
	}

	@Override
	public void start() {
		this.listening = Flux.usingWhen(Mono.from(this.connections.create()), this::listen, Connection::close)
			.doOnNext((notification) -> this.wake.run())
			// the server closed the connection: listen again
			.repeat()
			.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RECONNECT)
				.doBeforeRetry((signal) -> logger.debug("Listening for outbox notifications failed, again in {} s: {}",
						RECONNECT.toSeconds(), signal.failure().toString())))
			.subscribe();
	}

	private Flux<Object> listen(Connection connection) {
		if (!(connection instanceof PostgresqlConnection postgres)) {
			logger.info("Not a PostgreSQL connection: the outbox relay relies on its poll alone");
			return Flux.never();
		}
		return postgres.createStatement("LISTEN " + OutboxRelay.NOTIFICATION_CHANNEL)
			.execute()
			.flatMap((result) -> result.getRowsUpdated())
			.thenMany(postgres.getNotifications().cast(Object.class));
	}

	@Override
	public void stop() {
		Disposable current = this.listening;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.listening;
		return current != null && !current.isDisposed();
	}

}
