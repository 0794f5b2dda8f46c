package io.switchback.console;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status page: GET only, HTML only, nothing from elsewhere (the Content-Security-Policy says so to the
 * browser: no script, no file or font from another origin).
 */
@RestController
class StatusPageController {

    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private final StatusView view;

    StatusPageController(StatusView view) {
        this.view = view;
    }

    @GetMapping("/")
    ResponseEntity<String> index() {
        return html(HttpStatus.OK, Pages.index(view.environments()));
    }

    @GetMapping("/environments/{name}")
    ResponseEntity<String> environment(@PathVariable String name) {
        return view.environment(name).map(e -> html(HttpStatus.OK, Pages.environment(e)))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, Pages.notFound("No event of environment " + name + ".")));
    }

    @GetMapping("/releases/{deploymentId}")
    ResponseEntity<String> release(@PathVariable String deploymentId) {
        return view.release(deploymentId).map(r -> html(HttpStatus.OK, Pages.release(r, eventsOf(r))))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, Pages.notFound("No release " + deploymentId + " on the topics.")));
    }

    private List<TimelineEntry> eventsOf(ReleaseRecord.Snapshot release) {
        return view.environment(release.environment()).map(e -> e.timeline().stream()
                .filter(t -> release.deploymentId().equals(t.deploymentId())).toList()).orElse(List.of());
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store").body(body);
    }
}
