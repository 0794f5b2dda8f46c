package io.switchback.buildlistener;

import io.switchback.buildlistener.trust.Command;
import io.switchback.events.EventJson;
import io.switchback.events.EventType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;

/**
 * The edge's door, at {@code /v1/*}: POST only, each path to its part of {@link Ingress}, every answer and refusal
 * written as JSON. A servlet of its own rather than Spring MVC handlers: MVC's dispatch and its writing of answers
 * (content negotiation, message converters) took about a quarter of the request threads' CPU (docs/benchmarks.md).
 * Actuator stays on Spring MVC. The HTTP server metrics count these requests by path, through {@link IngressTimers}.
 */
final class IngressServlet extends HttpServlet {

    private final transient Map<String, Function<HttpServletRequest, Answer>> routes;
    private final transient IngressTimers timers;

    IngressServlet(Ingress ingress, IngressTimers timers) {
        this.timers = timers;
        Map<String, Function<HttpServletRequest, Answer>> paths = new HashMap<>();
        paths.put("/builds", request -> ingress.accept(EventType.BUILD_COMPLETED, request));
        for (Command command : Command.values()) {
            paths.put("/commands/" + command.trustName(), request -> ingress.accept(command.type(), request));
        }
        paths.put("/github", ingress::webhook);
        this.routes = Map.copyOf(paths);
    }

    /** Every request to the edge, whatever its method, timed in {@code http.server.requests}. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        long start = System.nanoTime();
        Throwable escaped = null;
        try {
            super.service(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            escaped = e;
            throw e;
        } finally {
            String path = request.getPathInfo();
            int status = escaped == null ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            String uri = path != null && routes.containsKey(path) ? request.getServletPath() + path
                    : IngressTimers.unmatched(status);
            timers.record(request.getMethod(), uri, status, escaped, System.nanoTime() - start);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Function<HttpServletRequest, Answer> route = path == null ? null : routes.get(path);
        if (route == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Answer answer;
        try {
            answer = route.apply(request);
        } catch (RuntimeException e) {
            answer = IngressAnswers.of(e).orElseThrow(() -> e);
        }
        write(response, answer);
    }

    private static void write(HttpServletResponse response, Answer answer) throws IOException {
        byte[] json = EventJson.mapper().writeValueAsBytes(answer.body());
        response.setStatus(answer.status().value());
        if (answer.retryAfter() != null) {
            response.setHeader("Retry-After", answer.retryAfter());
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
