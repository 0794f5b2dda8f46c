package io.switchback.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What became of a build, for a pipeline that waits on it: the reusable release workflow's load test waits for its
 * build to take staging's traffic, the rollback drill for its faulty build to be rolled back. GET only, JSON, read
 * from the same fold of the topics as the status page. 404 while no deployer has taken the build (yet).
 */
@RestController
class BuildApiController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final StatusView view;

    BuildApiController(StatusView view) {
        this.view = view;
    }

    @GetMapping("/api/v1/builds/{buildEventId}")
    ResponseEntity<Map<String, Object>> build(@PathVariable String buildEventId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!ID.matcher(buildEventId).matches()) {
            body.put("field", "buildEventId");
            body.put("error", "must be the eventId the build-listener answered the build with");
            return ResponseEntity.badRequest().header("Cache-Control", "no-store").body(body);
        }
        List<ReleaseRecord.Progress> releases = view.build(buildEventId);
        body.put("buildEventId", buildEventId);
        body.put("releases", releases);
        if (releases.isEmpty()) {
            body.put("reason", "no rollout of this build on the topics (yet): a deployer has not taken it, or it was "
                    + "skipped, or it is older than what the console keeps");
        }
        return ResponseEntity.status(releases.isEmpty() ? HttpStatus.NOT_FOUND : HttpStatus.OK)
                .header("Cache-Control", "no-store").body(body);
    }
}
