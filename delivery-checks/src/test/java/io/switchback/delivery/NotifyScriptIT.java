package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchback.delivery.Command.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The deploy workflows' notification script against an in-test Slack-compatible webhook. */
class NotifyScriptIT {

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer webhook;

    @BeforeEach
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/services/T000/B000/token-in-the-path", exchange -> {
            try (exchange) {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(status.get(), -1);
            }
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        webhook.stop(0);
    }

    @Test
    void postsTheTextAsSlackJson() throws Exception {
        Result result = ActionScript.chatNotification().run(Map.of("NOTIFY_WEBHOOK_URL", url()),
                "Switchback 7f3a9c1 is live on \"staging\"");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(posted).singleElement().satisfies(body -> assertThat(JsonMapper.builder().build().readTree(body)
                .get("text").asString()).isEqualTo("Switchback 7f3a9c1 is live on \"staging\""));
    }

    @Test
    void noWebhookIsAWarningNotAFailure() throws Exception {
        Result result = ActionScript.chatNotification().run(Map.of(), "hello");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("::warning::", "not sent: hello");
    }

    @Test
    void aRefusingWebhookFailsWithoutPrintingItsSecretUrl() throws Exception {
        status.set(404);

        Result result = ActionScript.chatNotification().run(Map.of("NOTIFY_WEBHOOK_URL", url()), "hello");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("::error::").doesNotContain("token-in-the-path");
    }

    private String url() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/services/T000/B000/token-in-the-path";
    }
}
