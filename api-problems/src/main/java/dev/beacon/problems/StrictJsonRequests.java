package dev.beacon.problems;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;

/**
 * Request bodies are read strictly, so that what a client sends is what is stored: an
 * unknown field (a typo such as {@code intervalSecond}) is refused rather than ignored;
 * no value is coerced ({@code 5.5}, {@code "5"}, {@code "true"} or {@code 1} are not
 * taken for an integer or a boolean, nor a number for a text); a number out of its type's
 * range is refused rather than reported as broken JSON; and a text with a lone UTF-16
 * surrogate (which PostgreSQL would store as {@code ?}) is refused. Each failure names
 * the field ({@link InvalidRequestProblems}).
 * <p>
 * Only the server's request reader changes: the service's own {@link JsonMapper} (events
 * on Kafka, whose readers must tolerate fields added later) and the answers it writes
 * stay as Spring Boot configures them.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonRequests {

	/**
	 * After Spring Boot's own customizer (order 0), which installs the lenient reader.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	CodecCustomizer strictJsonRequestReader(ObjectProvider<JsonMapper> jsonMapper) {
		JsonMapper strict = strict(jsonMapper.getIfAvailable(JsonMapper::new));
		return (configurer) -> {
			if (configurer instanceof ServerCodecConfigurer) {
				configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
			}
		};
	}

	static JsonMapper strict(JsonMapper base) {
		return base.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfigDefaults(
					(coercion) -> coercion.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("beacon-strict-text").addDeserializer(String.class, new WellFormedText()))
			.build();
	}

	/**
	 * Text as the client sent it, refused when a UTF-16 surrogate stands alone (a JSON
	 * escape such as {@code \ud800} can produce one).
	 */
	static final class WellFormedText extends StringDeserializer {

		static final String LONE_SURROGATE = "contains a lone surrogate (not a valid Unicode character)";

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = super.deserialize(parser, context);
			return (value != null && hasLoneSurrogate(value))
					? (String) context.handleWeirdStringValue(String.class, value, LONE_SURROGATE) : value;
		}

		static boolean hasLoneSurrogate(String value) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return true;
				}
			}
			return false;
		}

	}

}
