package io.switchback.console;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The three pages, as HTML: the environments, one environment, one release. Every value is escaped. */
final class Pages {

    private Pages() {
    }

    static String index(List<String> environments) {
        StringBuilder body = new StringBuilder("<h1>Environments</h1>");
        if (environments.isEmpty()) {
            body.append("<p class=\"muted\">No release event on the topics yet.</p>");
        }
        body.append("<ul>");
        environments.forEach(e -> body.append("<li>").append(Html.link("/environments/", e, e)).append("</li>"));
        return Html.page("Environments", body.append("</ul>").toString());
    }

    static String environment(EnvironmentRecord.Snapshot env) {
        StringBuilder body = new StringBuilder("<h1>").append(Html.text(env.name())).append("</h1>");
        body.append("<h2>Services</h2><table id=\"services\"><tr><th>service</th><th>cluster</th><th>live</th>"
                + "<th>image</th><th>live since</th><th>release in progress</th><th>waits on</th><th>last outcome</th></tr>");
        for (Map.Entry<String, List<ClusterStatus>> service : env.services().entrySet()) {
            for (ClusterStatus c : service.getValue()) {
                body.append("<tr class=\"service\" data-service=\"").append(Html.text(service.getKey()))
                        .append("\" data-cluster=\"").append(Html.text(c.cluster())).append("\"><td>")
                        .append(Html.text(service.getKey())).append("</td><td>")
                        .append(Html.text(c.cluster().isEmpty() ? "(one cluster)" : c.cluster()))
                        .append("</td><td class=\"live\">").append(Html.colour(c.liveColor())).append("</td><td>")
                        .append(Html.text(c.liveImage())).append("</td><td>").append(Figures.time(c.liveSince()))
                        .append("</td><td class=\"in-progress\">").append(inProgress(c))
                        .append("</td><td class=\"waits-on\">").append(Html.text(c.waitsOn()))
                        .append("</td><td class=\"outcome\">").append(Html.text(c.lastOutcome())).append("</td></tr>");
            }
        }
        body.append("</table><h2>Releases</h2><table id=\"releases\"><tr><th>release</th><th>service</th><th>image</th>"
                + "<th>first event</th><th>outcome</th></tr>");
        for (ReleaseRecord.Snapshot r : env.releases()) {
            body.append("<tr><td>").append(Html.link("/releases/", r.deploymentId(), r.deploymentId()))
                    .append("</td><td>").append(Html.text(r.service())).append("</td><td>").append(Html.text(r.image()))
                    .append("</td><td>").append(Figures.time(r.firstSeen())).append("</td><td class=\"")
                    .append(outcomeClass(r.outcome())).append("\">").append(Html.text(r.outcome())).append("</td></tr>");
        }
        Set<String> kept = env.releases().stream().map(ReleaseRecord.Snapshot::deploymentId).collect(Collectors.toSet());
        body.append("</table><h2>Timeline</h2>").append(timeline(env.timeline(), kept));
        return Html.page(env.name(), body.toString());
    }

    static String release(ReleaseRecord.Snapshot r, List<TimelineEntry> timeline) {
        StringBuilder body = new StringBuilder("<h1>Release ").append(Html.text(r.deploymentId())).append("</h1>");
        body.append("<table class=\"facts\"><tr><td>environment</td><td>")
                .append(Html.link("/environments/", r.environment(), r.environment())).append("</td></tr><tr><td>service</td><td>")
                .append(Html.text(r.service())).append("</td></tr><tr><td>image</td><td>").append(Html.text(r.image()))
                .append("</td></tr><tr><td>colour</td><td>").append(Html.colour(r.color()))
                .append("</td></tr><tr><td>outcome</td><td id=\"outcome\" class=\"").append(outcomeClass(r.outcome()))
                .append("\">").append(Html.text(r.outcome())).append("</td></tr></table>");
        body.append("<h2>Error rate and p95 against the thresholds</h2>");
        if (!r.hasFigures()) {
            body.append("<p class=\"muted\">No figures yet: the health monitor publishes them (health.evidence) while it"
                    + " watches the release.</p>");
        }
        body.append(ReleaseChart.svg(r, ReleaseChart.Figure.ERROR_RATE)).append("<br>")
                .append(ReleaseChart.svg(r, ReleaseChart.Figure.P95_LATENCY));
        body.append("<h2>Events of this release</h2>").append(timeline(timeline, Set.of()));
        return Html.page(r.deploymentId(), body.toString());
    }

    static String notFound(String what) {
        return Html.page("Not found", "<h1>Not found</h1><p>" + Html.text(what) + "</p><p><a href=\"/\">Environments</a></p>");
    }

    private static String inProgress(ClusterStatus c) {
        if (c.inProgress() == null) {
            return "<span class=\"muted\">none</span>";
        }
        return Html.link("/releases/", c.inProgress(), c.inProgress()) + " " + Html.text(c.inProgressImage()) + "<br>"
                + Html.text(c.step());
    }

    /** @param linked the releases whose charts the events link to: those kept (a skipped build names one never made) */
    private static String timeline(List<TimelineEntry> entries, Set<String> linked) {
        StringBuilder table = new StringBuilder("<table class=\"timeline\"><tr><th>time (UTC)</th><th>event</th>"
                + "<th>where</th><th>what</th></tr>");
        for (TimelineEntry e : entries) {
            table.append("<tr class=\"event\" data-type=\"").append(Html.text(e.type())).append("\"><td>")
                    .append(Figures.time(e.at())).append("</td><td>").append(Html.text(e.type())).append("</td><td>")
                    .append(Html.text(e.where())).append("</td><td>").append(Html.text(e.what()));
            if (e.deploymentId() != null && linked.contains(e.deploymentId())) {
                table.append(" ").append(Html.link("/releases/", e.deploymentId(), "chart"));
            }
            table.append("</td></tr>");
        }
        return table.append("</table>").toString();
    }

    private static String outcomeClass(String outcome) {
        if (outcome.startsWith("rolled back")) {
            return "rolled-back";
        }
        return outcome.startsWith("failed") || outcome.startsWith("rollback failed") || outcome.startsWith("breached")
                ? "failed" : outcome.equals("stable") ? "stable" : "";
    }
}
