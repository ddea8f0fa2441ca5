package io.yingji.platform.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report, for what never reaches the application: a request the container refuses
 * before any servlet is chosen (an address with a broken percent escape such as {@code /api/%zz}) is
 * answered with a problem in the caller's language like every other error, not Tomcat's HTML page.
 * Errors inside the application go to {@link ErrorPage}; this only speaks when nothing was written.
 */
class ContainerErrorReport extends ErrorReportValve {

    private final ProblemWriter problems;

    ContainerErrorReport(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return; // the connection is gone, or the report was written already
        }
        try {
            String body = problems.json(request, status, problems.statusMessageKey(request, status));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGone) {
            // nothing more can be told to a client that went away
        }
    }
}
