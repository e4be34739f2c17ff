package dev.beacon.gateway.edge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the public edge.
 *
 * @param rateLimit the token bucket each client address gets on the public routes
 * @param apiBody the largest request body {@code /api/**} takes
 * @param publicBody the largest request body any other route takes
 * @param fastReads whether plain public reads are answered straight from memory in the
 * connection's pipeline ({@code FastReads}); off, every request takes the full stack
 */
@ConfigurationProperties("beacon.gateway.edge")
@Validated
record EdgeProperties(@Valid @NotNull @DefaultValue RateLimit rateLimit, @NotNull @DefaultValue("1MB") DataSize apiBody,
		@NotNull @DefaultValue("16KB") DataSize publicBody, @DefaultValue("true") boolean fastReads) {

	/**
	 * @param enabled whether public routes are rate limited at all
	 * @param capacity the burst a client may send at once
	 * @param perSecond the tokens a client's bucket regains each second
	 * @param clients the most client addresses tracked at once (least recently seen
	 * forgotten first)
	 */
	record RateLimit(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("120") int capacity,
			@Min(1) @DefaultValue("20") int perSecond, @Min(100) @DefaultValue("100000") int clients) {
	}

}
