package io.yingji.platform.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's: what no exception
 * handler answered — an exception thrown in a servlet filter, a {@code sendError} from the container —
 * becomes a problem in the caller's language like every other error, whatever the client accepts.
 * The container has logged an exception already; asked for directly, the page does not exist (404).
 */
@Controller
class ErrorPage implements ErrorController {

    private final ProblemWriter problems;

    ErrorPage(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400 ? code : 404;
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        problems.write(request, response, status, problems.statusMessageKey(request, status));
    }
}
