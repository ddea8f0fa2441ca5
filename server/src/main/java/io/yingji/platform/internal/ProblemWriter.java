package io.yingji.platform.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem details with localized text; also writes them where MVC is not involved (filters). */
@Component
class ProblemWriter {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    ProblemWriter(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    private static final String TYPE_PREFIX = "urn:yingji:problem:";

    ProblemDetail problem(HttpServletRequest request, int status, String messageKey, Object... args) {
        Locale locale = locales.resolveLocale(request);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + messageKey));
        HttpStatus known = HttpStatus.resolve(status);
        problem.setTitle(message(locale, "problem.title." + status, known == null ? "Error" : known.getReasonPhrase()));
        problem.setDetail(message(locale, messageKey, messageKey, args));
        // on the container's error page, the address that failed rather than /error
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String instance = failed instanceof String uri ? uri : request.getRequestURI();
        try {
            problem.setInstance(URI.create(instance));
        } catch (IllegalArgumentException notAnAddress) {
            // the address itself is what was wrong (a broken percent escape): the problem names none
        }
        return problem;
    }

    /** A problem this writer built (as opposed to one Spring built with its English defaults). */
    static boolean isOurs(ProblemDetail problem) {
        return problem.getType() != null && problem.getType().toString().startsWith(TYPE_PREFIX);
    }

    /**
     * The message key for a bare HTTP status where nothing more specific is known (the servlet
     * container's error page): {@code problem.http.<status>}, else the generic one of its class.
     */
    String statusMessageKey(HttpServletRequest request, int status) {
        String key = "problem.http." + status;
        if (messages.getMessage(key, null, null, locale(request)) != null) {
            return key;
        }
        return status >= 500 ? "problem.internal" : "problem.http.400";
    }

    String message(Locale locale, String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, locale);
    }

    Locale locale(HttpServletRequest request) {
        return locales.resolveLocale(request);
    }

    /** The problem as its JSON text, for writers that are not a servlet response (the container's error report). */
    String json(HttpServletRequest request, int status, String messageKey) {
        return json.writeValueAsString(problem(request, status, messageKey));
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String messageKey) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(request, status, messageKey));
    }
}
