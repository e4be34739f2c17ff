package dev.beacon.statusapi.status.messaging;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast reading of instants agrees with Jackson's own, on every instant as written and
 * on text that is almost, or not quite, one.
 */
class IsoInstantDeserializerTests {

	static final JsonMapper jackson = JsonMapper.builder().build();

	static final JsonMapper fast = JsonMapper.builder()
		.addModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstantDeserializer()))
		.build();

	@Property
	void readsEveryInstantAsItIsWritten(@ForAll("instants") Instant instant) {
		assertThat(IsoInstantDeserializer.parse(instant.toString())).isEqualTo(instant);
		assertThat(read(fast, instant.toString())).isEqualTo(instant);
	}

	@Property
	void readsAFractionOfAnyLength(@ForAll("instants") Instant instant,
			@ForAll @IntRange(min = 1, max = 9) int digits) {
		String whole = instant.toString().substring(0, 19);
		String fraction = String.format("%09d", instant.getNano()).substring(0, digits);
		Instant expected = Instant.parse(whole + "." + fraction + "Z");
		assertThat(IsoInstantDeserializer.parse(whole + "." + fraction + "Z")).isEqualTo(expected);
	}

	@Property(tries = 2000)
	void agreesWithJacksonOnTextThatIsAlmostAnInstant(@ForAll("instants") Instant instant,
			@ForAll @IntRange(min = 0, max = 29) int position,
			@ForAll @CharRange(from = ' ', to = 'z') char replacement) {
		String written = instant.toString();
		int at = position % written.length();
		String text = written.substring(0, at) + replacement + written.substring(at + 1);
		Object expected = readOrError(jackson, text);
		assertThat(readOrError(fast, text)).isEqualTo(expected);
	}

	@Property
	void leavesOtherFormsToJackson(@ForAll("otherForms") String text) {
		assertThat(IsoInstantDeserializer.parse(text)).isNull();
		assertThat(readOrError(fast, text)).isEqualTo(readOrError(jackson, text));
	}

	@Provide
	Arbitrary<Instant> instants() {
		Arbitrary<Long> seconds = Arbitraries.longs()
			.between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
					Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
		Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
				Arbitraries.integers().between(0, 999).map((millis) -> millis * 1_000_000),
				Arbitraries.integers().between(0, 999_999_999));
		return seconds.flatMap((second) -> nanos.map((nano) -> Instant.ofEpochSecond(second, nano)))
			.edgeCases((edges) -> edges.add(Instant.EPOCH));
	}

	@Provide
	Arbitrary<String> otherForms() {
		return Arbitraries.of("2026-11-29T05:39:00+01:00", "2026-11-29T05:39:00.5+00:00", "2026-11-29T05:39:60Z",
				"2026-02-30T05:39:00Z", "2026-11-29T24:00:00Z", "+12026-11-29T05:39:00Z", "2026-11-29t05:39:00z",
				" 2026-11-29T05:39:00Z", "2026-11-29T05:39:00.Z", "2026-11-29T05:39:00.1234567890Z", "2026-11-29",
				"1764394740");
	}

	private static Instant read(JsonMapper mapper, String text) {
		return mapper.readValue("\"" + text + "\"", Instant.class);
	}

	/** The instant read, or the kind of error reading it gave. */
	private static Object readOrError(JsonMapper mapper, String text) {
		String json = jackson.writeValueAsString(text);
		try {
			return mapper.readValue(json, Instant.class);
		}
		catch (JacksonException ex) {
			return ex.getClass();
		}
	}

}
