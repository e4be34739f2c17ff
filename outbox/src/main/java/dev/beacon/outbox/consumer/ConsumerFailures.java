package dev.beacon.outbox.consumer;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import jakarta.validation.ValidationException;
import org.apache.kafka.common.errors.RetriableException;
import tools.jackson.core.JacksonException;

import org.springframework.core.convert.ConversionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one place that decides what a consumer does with a failure, shared by every
 * service:
 * <ul>
 * <li>{@link Kind#TRANSIENT}: the database or the broker is unreachable, a pool is
 * exhausted, a statement timed out, a transaction lost a serialization conflict. Retried
 * with capped exponential backoff for as long as it lasts: the partition waits, nothing
 * is committed or dead-lettered.</li>
 * <li>{@link Kind#POISON}: the message cannot be read or fails validation. Retrying
 * cannot help: dead-lettered at once.</li>
 * <li>{@link Kind#OTHER}: anything else (most likely a programming error). A few quick
 * retries, then dead-lettered, so one bad message never stops a partition; replay it
 * after the fix.</li>
 * </ul>
 * The whole cause chain is examined; poison wins over transient (a message that cannot be
 * read stays unreadable however often the database fails meanwhile).
 */
public final class ConsumerFailures {

	/** How a consumer treats a failure. */
	public enum Kind {

		TRANSIENT, POISON, OTHER

	}

	/**
	 * A body that does not convert to the consumer's type reaches the function as raw
	 * bytes and fails the cast: that {@link ClassCastException} is poison too.
	 */
	private static final List<Class<? extends Throwable>> POISON = List.of(MessageConversionException.class,
			ConversionException.class, ClassCastException.class, DeserializationException.class,
			MethodArgumentResolutionException.class, JacksonException.class, ValidationException.class,
			PoisonMessageException.class);

	private static final List<Class<? extends Throwable>> TRANSIENT = List.of(TransientDataAccessException.class,
			RecoverableDataAccessException.class, DataAccessResourceFailureException.class,
			CannotCreateTransactionException.class, R2dbcTransientException.class,
			R2dbcNonTransientResourceException.class, RetriableException.class, TimeoutException.class,
			IOException.class);

	/**
	 * Reactor pool's "too many waiting for a connection", by name: its class is not a
	 * dependency of this module.
	 */
	private static final Set<String> TRANSIENT_NAMES = Set.of("reactor.pool.PoolAcquirePendingLimitException",
			"reactor.pool.PoolAcquireTimeoutException");

	/**
	 * SQLSTATE classes (and codes) PostgreSQL uses for failures that pass: connection
	 * exceptions, serialization failures and deadlocks, insufficient resources (too many
	 * connections), operator intervention (shutdown, failover), lock not available, a
	 * database that does not accept connections right now.
	 */
	private static final List<String> TRANSIENT_SQL_STATES = List.of("08", "40", "53", "57", "55P03", "55000");

	private ConsumerFailures() {
	}

	/** Classifies {@code failure} by looking at it and every cause. */
	public static Kind classify(Throwable failure) {
		Set<Throwable> chain = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = failure; current != null && chain.add(current); current = current.getCause()) {
		}
		if (chain.stream().anyMatch(ConsumerFailures::isPoison)) {
			return Kind.POISON;
		}
		if (chain.stream().anyMatch(ConsumerFailures::isTransient)) {
			return Kind.TRANSIENT;
		}
		return Kind.OTHER;
	}

	private static boolean isPoison(Throwable failure) {
		return POISON.stream().anyMatch((type) -> type.isInstance(failure));
	}

	private static boolean isTransient(Throwable failure) {
		if (TRANSIENT.stream().anyMatch((type) -> type.isInstance(failure))) {
			return true;
		}
		if (failure instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
			String state = r2dbc.getSqlState();
			return TRANSIENT_SQL_STATES.stream().anyMatch(state::startsWith);
		}
		for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
			if (TRANSIENT_NAMES.contains(type.getName())) {
				return true;
			}
		}
		return false;
	}

}
