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
import org.springframework.util.Assert;

/**
 * Listens on a connection of its own (outside the pool) for the notifications of one
 * channel ({@code NOTIFY}, delivered on commit) and wakes who waits for them: the outbox
 * relay for every append, so that a row appended by another replica is published at once,
 * not at the next poll. If the connection breaks it is opened again, and who waits is
 * woken once it listens again: what was notified while nobody listened is found then, not
 * at the next poll.
 */
public final class DatabaseNotifications implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseNotifications.class);

	private static final Duration RECONNECT = Duration.ofSeconds(5);

	/** Emitted when listening starts, as if a notification had come. */
	private static final Object LISTENING = new Object();

	private final ConnectionFactory connections;

	private final String channel;

	private final Runnable wake;

	private volatile Disposable listening;

	/**
	 * @param connections the service's connection factory (its pool is bypassed)
	 * @param channel the channel to listen on, a plain identifier
	 * @param wake what to run on each notification
	 */
	public DatabaseNotifications(ConnectionFactory connections, String channel, Runnable wake) {
		Assert.isTrue(channel.matches("[a-z_][a-z0-9_]*"), "The channel must be a plain identifier");
		this.connections = unwrapped(connections);
		this.channel = channel;
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
				.doBeforeRetry((signal) -> logger.debug("Listening on {} failed, again in {} s: {}", this.channel,
						RECONNECT.toSeconds(), signal.failure().toString())))
			.subscribe();
	}

	private Flux<Object> listen(Connection connection) {
		if (!(connection instanceof PostgresqlConnection postgres)) {
			logger.info("Not a PostgreSQL connection: no notifications on {}, only polls", this.channel);
			return Flux.never();
		}
		return postgres.createStatement("LISTEN " + this.channel)
			.execute()
			.flatMap((result) -> result.getRowsUpdated())
			.thenMany(Flux.<Object>concat(Mono.just(LISTENING), postgres.getNotifications()));
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
