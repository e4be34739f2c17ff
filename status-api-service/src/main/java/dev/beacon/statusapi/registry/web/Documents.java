package dev.beacon.statusapi.registry.web;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads documents that do not come through a request body reader — an application after a
 * merge patch, a status-page document in YAML — as strictly as request bodies are read,
 * and validates them: an unknown field, a value of the wrong type or an invalid value is
 * a 400 naming the field.
 */
@Component
class Documents {

	private final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.withCoercionConfigDefaults((coercion) -> coercion.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	private static final int MAX_YAML_DEPTH = 20;

	private final Validator validator;

	Documents(Validator validator) {
		this.validator = validator;
	}

	JsonMapper json() {
		return this.json;
	}

	/** Parses JSON text into a tree. */
	JsonNode parse(byte[] document) {
		try {
			return this.json.readTree(document);
		}
		catch (JacksonException ex) {
			throw new InvalidFieldsException(List
				.of(new InvalidFieldsException.FieldError("", "is not valid JSON: " + ex.getOriginalMessage())));
		}
	}

	/**
	 * Parses a YAML document into a tree. Anchors may name scalars only: an alias of a
	 * collection is how a "billion laughs" document grows without bound, so none is
	 * taken; nesting and size are bounded too. Only plain data is built (no tags naming
	 * types).
	 */
	JsonNode parseYaml(byte[] document) {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(0);
		options.setAllowRecursiveKeys(false);
		options.setAllowDuplicateKeys(false);
		options.setNestingDepthLimit(MAX_YAML_DEPTH);
		options.setCodePointLimit(document.length + 1);
		try {
			Object loaded = new Yaml(new SafeConstructor(options)).load(new String(document, StandardCharsets.UTF_8));
			return this.json.valueToTree(loaded);
		}
		catch (YAMLException ex) {
			throw new InvalidFieldsException("", "is not a YAML document Beacon accepts: " + brief(ex.getMessage()));
		}
	}

	private static String brief(String message) {
		String text = String.valueOf(message).replaceAll("\\s+", " ").strip();
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	/** Reads {@code tree} as a {@code type} and validates it with the given groups. */
	<T> T read(JsonNode tree, Class<T> type, Class<?>... groups) {
		T value;
		try {
			value = this.json.treeToValue(tree, type);
		}
		catch (DatabindException ex) {
			throw new InvalidFieldsException(path(ex), "has an invalid value or is not a known field");
		}
		catch (JacksonException ex) {
			throw new InvalidFieldsException("", "cannot be read: " + ex.getOriginalMessage());
		}
		if (value == null) {
			throw new InvalidFieldsException("", "the document is empty");
		}
		validate(value, groups);
		return value;
	}

	private void validate(Object value, Class<?>... groups) {
		List<InvalidFieldsException.FieldError> errors = this.validator.validate(value, groups)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<?> violation) -> violation.getPropertyPath().toString()))
			.map((violation) -> new InvalidFieldsException.FieldError(jsonName(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
	}

	/** The one Java name of these documents that differs from its JSON name. */
	private static String jsonName(String path) {
		return path.replaceAll("(^|\\.)publicPage(?=$|\\.)", "$1public");
	}

	private static String path(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
