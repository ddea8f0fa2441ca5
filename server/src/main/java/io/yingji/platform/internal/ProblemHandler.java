package io.yingji.platform.internal;

import io.yingji.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error answer is an RFC 9457 problem with a message in the caller's language; validation
 * problems list each wrong field under {@code errors}. Bad input never becomes a 500.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** One wrong field as the client sees it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FieldMessage(@Nullable Integer line, @Nullable Integer column, String field, String message) {

        FieldMessage(String field, String message) {
            this(null, null, field, message);
        }
    }

    private final ProblemWriter problems;

    ProblemHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Problem.class)
    ResponseEntity<ProblemDetail> problem(Problem problem, HttpServletRequest request) {
        ProblemDetail body = problems.problem(request, problem.status(), problem.messageKey(), problem.args());
        if (!problem.fieldProblems().isEmpty()) {
            Locale locale = problems.locale(request);
            List<FieldMessage> errors = problem.fieldProblems().stream()
                    .map(f -> new FieldMessage(f.line(), f.column(), f.field(), problems.message(locale, f.messageKey(), f.messageKey(), f.args())))
                    .toList();
            body.setProperty("errors", errors);
            if (errors.size() == 1) {
                body.setDetail(errors.get(0).message());
            }
        }
        return ResponseEntity.status(problem.status()).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        List<FieldMessage> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldMessage(error.getField(), String.valueOf(error.getDefaultMessage())));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(new FieldMessage(e.getObjectName(), String.valueOf(e.getDefaultMessage()))));
        ProblemDetail body = problems.problem(servletRequest, 400, "problem.invalid");
        body.setProperty("errors", errors);
        if (errors.size() == 1) {
            body.setDetail(errors.get(0).field() + ": " + errors.get(0).message());
        }
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        List<FieldMessage> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldMessage(String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage())))));
        ProblemDetail body = problems.problem(servletRequest, 400, "problem.invalid");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.BodyTooLarge) {
                return ResponseEntity.status(413).body(problems.problem(servletRequest, 413, "problem.body.too-large"));
            }
        }
        ProblemDetail refused = refusedJson(ex.getCause(), servletRequest);
        if (refused != null) {
            return ResponseEntity.badRequest().body(refused);
        }
        ProblemDetail body;
        if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
            body = problems.problem(servletRequest, 400, "problem.json.unknown-field", path(unknown));
            body.setProperty("errors", List.of(new FieldMessage(path(unknown), body.getDetail())));
        } else if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            body = problems.problem(servletRequest, 400, "problem.json.bad-value", path(jackson));
            body.setProperty("errors", List.of(new FieldMessage(path(jackson), body.getDetail())));
        } else {
            body = problems.problem(servletRequest, 400, "problem.json.malformed");
        }
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return ResponseEntity.status(413).body(problems.problem(servletRequest, 413, "problem.upload.too-large"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
        ProblemDetail body = problems.problem(request, 400, "problem.param.bad-value", ex.getName(), ex.getValue());
        body.setProperty("errors", List.of(new FieldMessage(ex.getName(), body.getDetail())));
        return ResponseEntity.badRequest().body(body);
    }

    /** A stale version, or a lock, deadlock or serialization failure: a concurrent writer came first. */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConcurrencyFailureException ex, HttpServletRequest request) {
        return ResponseEntity.status(409).body(problems.problem(request, 409, "problem.version.stale"));
    }

    /** A unique or foreign key the checks before the write did not catch (a concurrent writer won). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
        log.info("Integrity violation on {}: {}", request.getRequestURI(), ex.getMostSpecificCause().getMessage());
        return ResponseEntity.status(409).body(problems.problem(request, 409, "problem.integrity"));
    }

    /**
     * The client went away while its answer was written (a page left before its scripts arrived): nothing to tell it
     * and nothing wrong with the server, so no error in the log and no problem body for a closed connection.
     */
    @ExceptionHandler(org.apache.catalina.connector.ClientAbortException.class)
    @org.jspecify.annotations.Nullable
    ResponseEntity<ProblemDetail> clientGone(Exception ex, HttpServletRequest request) {
        log.debug("Client closed the connection during {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return ResponseEntity.status(500).body(problems.problem(request, 500, "problem.internal"));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        // Spring's own problems (404, 405, 406, 415, missing parameter …): keep them, but in the caller's language.
        // Ours carry a urn:yingji type; Spring's have none or about:blank.
        if (body instanceof ProblemDetail detail && !ProblemWriter.isOurs(detail)) {
            HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
            ProblemDetail localized = problems.problem(servletRequest, statusCode.value(), "problem.http." + statusCode.value());
            if (detail.getProperties() != null) {
                detail.getProperties().forEach(localized::setProperty);
            }
            return super.createResponseEntity(localized, headers, statusCode, request);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static final java.util.regex.Pattern DUPLICATE_KEY = java.util.regex.Pattern.compile("Duplicate Object property \"(.*)\"");

    /**
     * What the JSON reader refuses ({@link JsonInput}) as a 400 field problem naming the value's path:
     * a forbidden character or an infinite number, a null list element, a key given twice; null for
     * any other unreadable body.
     */
    private @Nullable ProblemDetail refusedJson(@Nullable Throwable cause, HttpServletRequest request) {
        String field;
        String key;
        Object[] args = {};
        if (cause instanceof JsonInput.Refused refused) {
            field = path(refused);
            key = refused.messageKey();
            args = refused.args();
        } else if (cause instanceof InvalidNullException nullElement) {
            field = path(nullElement);
            key = "problem.json.null-element";
        } else if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
                && DUPLICATE_KEY.matcher(read.getOriginalMessage()).matches()) {
            var matcher = DUPLICATE_KEY.matcher(read.getOriginalMessage());
            matcher.matches();
            String parent = path(read);
            field = parent.isEmpty() ? matcher.group(1) : parent + "." + matcher.group(1);
            key = "problem.json.duplicate-key";
        } else {
            return null;
        }
        Object[] withField = new Object[args.length + 1];
        withField[0] = field;
        System.arraycopy(args, 0, withField, 1, args.length);
        ProblemDetail body = problems.problem(request, 400, key, withField);
        body.setProperty("errors", List.of(new FieldMessage(field, String.valueOf(body.getDetail()))));
        return body;
    }

    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

}
