package io.switchback.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where this environment's failures, rollbacks, stalls and pending approvals are sent. The webhook URLs carry their
 * credentials, so they come from a Secret and are never printed ({@link #toString()}); blank: not sent.
 *
 * @param slackWebhook a Slack-compatible incoming webhook ({@code {"text": ...}})
 * @param webhook a generic JSON webhook (the event and a summary)
 * @param statusPage the link each notification carries, e.g. the status page; blank: none
 * @param attempts tries per notification, the first included
 * @param backoff the wait before the second try, doubled before each next one
 * @param timeout how long one try may take
 */
@ConfigurationProperties("switchback.notifications")
public record NotificationProperties(String slackWebhook, String webhook, String statusPage,
        @DefaultValue("3") int attempts, @DefaultValue("1s") Duration backoff, @DefaultValue("5s") Duration timeout) {

    boolean enabled() {
        return !blank(slackWebhook) || !blank(webhook);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "NotificationProperties[slackWebhook=" + (blank(slackWebhook) ? "none" : "<redacted>") + ", webhook="
                + (blank(webhook) ? "none" : "<redacted>") + ", statusPage=" + statusPage + ", attempts=" + attempts
                + ", backoff=" + backoff + ", timeout=" + timeout + "]";
    }
}
