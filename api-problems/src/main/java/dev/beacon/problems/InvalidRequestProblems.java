package dev.beacon.problems;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Requests that cannot be read or do not validate answer 400 with an RFC 9457 problem
 * that names every offending field in {@code errors}. Import it into every service with
 * an API.
 */
@RestControllerAdvice
@Import(StrictJsonRequests.class)
public class InvalidRequestProblems extends ResponseEntityExceptionHandler {

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", JsonFieldPath.of(type(ex), error.getField()), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid "
				+ errors.stream().map((error) -> error.get("field")).distinct().collect(Collectors.joining(", ")));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return Mono.just(ResponseEntity.badRequest().headers(headers).body(problem));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		String field = field(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				(field != null) ? "Invalid value for field '" + field + "'" : detail(ex));
		problem.setTitle("Invalid request");
		if (field != null) {
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message(ex))));
		}
		return Mono.just(ResponseEntity.badRequest().headers(headers).body(problem));
	}

	private static Class<?> type(WebExchangeBindException ex) {
		Object target = ex.getTarget();
		return (target != null) ? target.getClass() : Object.class;
	}

	/** The body field or path variable that could not be read, when one can be named. */
	private static String field(ServerWebInputException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				return databind.getPath()
					.stream()
					.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining("."))
					.replace(".[", "[");
			}
			if (cause instanceof StreamReadException read && read.processor() != null) {
				JsonParser parser = read.processor();
				// a number out of range fails while reading, before any field path is
				// built: the parser still knows where it stood
				String pointer = parser.streamReadContext().pathAsPointer().toString();
				if (!pointer.isEmpty()) {
					return fromPointer(pointer);
				}
			}
		}
		MethodParameter parameter = ex.getMethodParameter();
		return (parameter != null && parameter.hasParameterAnnotation(PathVariable.class))
				? parameter.getParameterName() : null;
	}

	/** {@code /components/0/httpCheck/url} as {@code components[0].httpCheck.url}. */
	static String fromPointer(String pointer) {
		StringBuilder field = new StringBuilder();
		for (String segment : pointer.substring(1).split("/", -1)) {
			String name = segment.replace("~1", "/").replace("~0", "~");
			if (name.matches("\\d+")) {
				field.append('[').append(name).append(']');
			}
			else {
				field.append((field.length() > 0) ? "." : "").append(name);
			}
		}
		return field.toString();
	}

	/** What is wrong with the field's value, in the words of the failure's kind. */
	private static String message(ServerWebInputException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnrecognizedPropertyException) {
				return "is not a known field";
			}
			if (cause instanceof InputCoercionException) {
				return "is out of range";
			}
			if (cause instanceof InvalidFormatException format && String.valueOf(format.getOriginalMessage())
				.endsWith(StrictJsonRequests.WellFormedText.LONE_SURROGATE)) {
				return "must not contain a lone surrogate";
			}
			if (cause instanceof MismatchedInputException) {
				return "has the wrong type or format";
			}
		}
		return "has an invalid value";
	}

	private static String detail(ServerWebInputException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException) {
				return "The request body is not valid JSON";
			}
		}
		return String.valueOf(ex.getReason());
	}

}
