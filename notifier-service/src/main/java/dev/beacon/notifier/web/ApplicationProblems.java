package dev.beacon.notifier.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An application the caller may not see answers 404, like one that does not exist. */
@RestControllerAdvice
class ApplicationProblems {

	@ExceptionHandler
	ProblemDetail notFound(ApplicationNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

}
