package dev.beacon.outbox.consumer;

import java.net.ConnectException;
import java.time.Duration;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerFailuresTests {

	@Test
	void treatsAnUnreachableDatabaseAsTransientHoweverItIsWrapped() {
		var refused = new R2dbcNonTransientResourceException("Connection refused", new ConnectException());
		assertThat(ConsumerFailures.classify(new MessagingException("handler failed",
				new CannotCreateTransactionException("Could not open R2DBC Connection", refused))))
			.isEqualTo(ConsumerFailures.Kind.TRANSIENT);
		assertThat(ConsumerFailures.classify(new DataAccessResourceFailureException("Failed to obtain connection")))
			.isEqualTo(ConsumerFailures.Kind.TRANSIENT);
	}

	@Test
	void treatsAnExhaustedPoolTimeoutsAndSerializationConflictsAsTransient() {
		assertThat(ConsumerFailures.classify(new R2dbcTimeoutException("Connection acquisition timed out")))
			.isEqualTo(ConsumerFailures.Kind.TRANSIENT);
		assertThat(ConsumerFailures.classify(new PessimisticLockingFailureException("conflict",
				new R2dbcRollbackException("could not serialize access", "40001"))))
			.isEqualTo(ConsumerFailures.Kind.TRANSIENT);
		assertThat(ConsumerFailures.classify(new R2dbcBadGrammarException("terminating connection", "57P01")))
			.isEqualTo(ConsumerFailures.Kind.TRANSIENT);
	}

	@Test
	void treatsWhatCannotBeReadAsPoisonEvenIfTheDatabaseAlsoFailed() {
		assertThat(ConsumerFailures.classify(new MessagingException("failed",
				new MessageConversionException("not json", new DataAccessResourceFailureException("down")))))
			.isEqualTo(ConsumerFailures.Kind.POISON);
		assertThat(ConsumerFailures.classify(new PoisonMessageException("unknown component")))
			.isEqualTo(ConsumerFailures.Kind.POISON);
	}

	@Test
	void treatsProgrammingErrorsAndConstraintViolationsAsOther() {
		assertThat(ConsumerFailures.classify(new IllegalStateException("bug"))).isEqualTo(ConsumerFailures.Kind.OTHER);
		assertThat(ConsumerFailures.classify(new DataIntegrityViolationException("null value")))
			.isEqualTo(ConsumerFailures.Kind.OTHER);
		assertThat(ConsumerFailures.classify(new R2dbcBadGrammarException("no such column", "42703")))
			.isEqualTo(ConsumerFailures.Kind.OTHER);
	}

	@Test
	void retriesTransientFailuresWithoutEndAtACappedIntervalAndPoisonNever() {
		var containers = new RetryingListenerContainers((destination) -> null,
				new ConsumerRetryProperties(Duration.ofMillis(200), 2.0, Duration.ofSeconds(30), 3));
		BackOffExecution transientRetries = containers.backOffFor(ConsumerFailures.Kind.TRANSIENT).start();
		long last = 0;
		for (int attempt = 0; attempt < 1000; attempt++) {
			last = transientRetries.nextBackOff();
			assertThat(last).isBetween(1L, 30_000L);
		}
		assertThat(last).isEqualTo(30_000L);
		assertThat(containers.backOffFor(ConsumerFailures.Kind.POISON).start().nextBackOff())
			.isEqualTo(BackOffExecution.STOP);
		BackOffExecution other = containers.backOffFor(ConsumerFailures.Kind.OTHER).start();
		assertThat(other.nextBackOff()).isEqualTo(200L);
		assertThat(other.nextBackOff()).isEqualTo(400L);
		assertThat(other.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

}
