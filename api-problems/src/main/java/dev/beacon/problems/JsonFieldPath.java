package dev.beacon.problems;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Turns a validation path over Java names ({@code components[0].publicPage}) into the one
 * the client sent, by the {@link JsonProperty} names of the request's fields
 * ({@code components[0].public}).
 */
final class JsonFieldPath {

	private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[[^\\]]*\\])*)");

	private JsonFieldPath() {
	}

	static String of(Class<?> root, String path) {
		StringBuilder json = new StringBuilder();
		Type type = root;
		Matcher segment = SEGMENT.matcher(path);
		while (segment.find()) {
			Field field = field(type, segment.group(1));
			json.append((json.length() > 0) ? "." : "")
				.append(jsonName(field, segment.group(1)))
				.append(segment.group(2));
			type = (field != null) ? elementType(field.getGenericType(), !segment.group(2).isEmpty()) : null;
		}
		return json.toString();
	}

	private static Field field(Type type, String name) {
		if (!(type instanceof Class<?> owner)) {
			return null;
		}
		try {
			return owner.getDeclaredField(name);
		}
		catch (NoSuchFieldException ex) {
			return null;
		}
	}

	private static String jsonName(Field field, String name) {
		JsonProperty property = (field != null) ? field.getAnnotation(JsonProperty.class) : null;
		if (property == null && field != null && field.getDeclaringClass().isRecord()) {
			// on a record the annotation sits on the component's accessor and constructor
			// parameter
			property = Arrays.stream(field.getDeclaringClass().getRecordComponents())
				.filter((component) -> component.getName().equals(name))
				.map((component) -> component.getAnnotation(JsonProperty.class))
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null);
		}
		return (property != null && !property.value().isEmpty()) ? property.value() : name;
	}

	private static Type elementType(Type type, boolean indexed) {
		if (indexed && type instanceof ParameterizedType parameterized
				&& parameterized.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
			Type element = parameterized.getActualTypeArguments()[0];
			return (element instanceof ParameterizedType inner) ? inner.getRawType() : element;
		}
		return (type instanceof ParameterizedType parameterized) ? parameterized.getRawType() : type;
	}

}
