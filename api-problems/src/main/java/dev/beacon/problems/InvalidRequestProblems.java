package dev.beacon.problems;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

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
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "has an invalid value")));
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
		}
		MethodParameter parameter = ex.getMethodParameter();
		return (parameter != null && parameter.hasParameterAnnotation(PathVariable.class))
				? parameter.getParameterName() : null;
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
