package dev.beacon.outbox.consumer;

import dev.beacon.security.ApplicationAccess;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/dead-letters/{topic}/replay}: sends a consumed topic's dead
 * letters back to it. Needs a token with the {@code beacon:admin} scope.
 */
@RestController
final class DeadLetterController {

	private final DeadLetterReplay replay;

	DeadLetterController(DeadLetterReplay replay) {
		this.replay = replay;
	}

	@PostMapping("/api/admin/dead-letters/{topic}/replay")
	Mono<Replayed> replay(@PathVariable String topic, @AuthenticationPrincipal Jwt jwt) {
		if (!ApplicationAccess.of(jwt).admin()) {
			throw problem(HttpStatus.FORBIDDEN,
					"Replaying dead letters needs the scope " + ApplicationAccess.ADMIN_SCOPE + ".");
		}
		DeadLetterReplay.Source source = this.replay.source(topic)
			.orElseThrow(() -> problem(HttpStatus.NOT_FOUND,
					"This service consumes no topic named '" + topic + "'; it consumes " + this.replay.topics() + "."));
		return Mono.fromCallable(() -> this.replay.replay(source))
			.subscribeOn(Schedulers.boundedElastic())
			.map((count) -> new Replayed(source.topic(), source.deadLetterTopic(), count));
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	/** How many dead letters went back from {@code deadLetterTopic} to {@code topic}. */
	record Replayed(String topic, String deadLetterTopic, long replayed) {
	}

}
