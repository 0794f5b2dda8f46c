package io.switchback.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchback.events.CloudEventCodec;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentStage;
import io.switchback.events.DeploymentStarted;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.HealthBreached;
import io.switchback.events.HealthCheck;
import io.switchback.events.HealthEvidence;
import io.switchback.events.JudgedPhase;
import io.switchback.events.MetricSource;
import io.switchback.events.RollbackCause;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackStarted;
import io.switchback.events.RollbackTimings;
import io.switchback.events.RollbackTrigger;
import io.switchback.events.SwitchbackEvent;
import io.switchback.events.SwitchbackEventSerializer;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.ServiceProbes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console on a real broker: a story written to the topics before it started (a rollback in one cluster of an
 * environment) is on its pages once it is ready, and so is what is written after, to a partition added meanwhile
 * too; the pages are GET only and escape what the events say.
 */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ConsoleApplication.CONFIG_NAME, "switchback.kafka.health-timeout=2s"})
class ConsoleIT {

    static final String ENV = "console-it";
    static final String DEP = "checkout-console-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final String GOOD = "registry.example/checkout:1.5.0";
    static final String BAD = "registry.example/checkout:1.6.0-errors-5";
    static final Instant T0 = Instant.now().minusSeconds(60);
    static final String BUILD = UUID.randomUUID().toString();
    /** Partitions of the deployments topic once a test has added two (the others are written with 6). */
    static final int GROWN = 8;

    @LocalServerPort
    int port;

    @BeforeAll
    static void writeARollbackBeforeTheConsoleStarts(KafkaBroker broker) {
        broker.createTopics(6, Arrays.stream(Topic.values()).map(Topic::topicName).toArray(String[]::new));
        String breachId = UUID.randomUUID().toString();
        RollbackCause cause = new RollbackCause(RollbackTrigger.HEALTH_BREACH, breachId, HealthCheck.ERROR_RATE, 0.05,
                0.01, "error-rate 5.00% > 1.00% over 6 s (300 requests)");
        List<SwitchbackEvent> story = List.of(
                new DeploymentStarted(id(), T0, ENV, "checkout", DEP, BAD, "7f3a9c1", BUILD, Color.BLUE, Color.GREEN,
                        GOOD, null, null, null),
                new DeploymentTrafficSwitched(id(), T0.plusSeconds(5), ENV, "checkout", DEP, Color.BLUE, BAD,
                        Color.GREEN, GOOD, T0.plusSeconds(905), null),
                evidence(10, 0.0), evidence(15, 0.002), evidence(20, 0.05),
                new HealthBreached(breachId, T0.plusSeconds(21), ENV, "checkout", DEP, Color.BLUE, BAD,
                        HealthCheck.ERROR_RATE, 0.05, 0.01, "ratio", 6_000, 300, 4, 1, T0.plusSeconds(15),
                        MetricSource.DIRECT_SCRAPE, "15 of 300 requests failed"),
                new RollbackStarted(id(), T0.plusSeconds(21).plusMillis(100), ENV, "checkout", DEP, "rb-1", cause,
                        Color.BLUE, Color.GREEN),
                new RollbackCompleted(id(), T0.plusSeconds(21).plusMillis(200), ENV, "checkout", DEP, "rb-1", cause,
                        Color.BLUE, Color.GREEN, GOOD, new RollbackTimings(T0.plusSeconds(15), T0.plusSeconds(21),
                                T0.plusSeconds(21).plusMillis(100), T0.plusSeconds(21).plusMillis(180))));
        send(broker, story);
    }

    @Test
    void afterARollbackThePagesShowTheLiveColourBackTheRollbackWithItsReasonAndTheBreachOnTheChart() {
        await("ready once the topics are read").atMost(Duration.ofSeconds(60))
                .until(() -> ServiceProbes.readinessStatus(port) == 200);
        assertThat(get("/actuator/health/readiness").body()).as("readiness waits for the topics to be read")
                .containsPattern("\"topics\":\\{\"details\":\\{\"events\":\\d+},\"status\":\"UP\"}");

        HttpResponse<String> index = get("/");
        assertThat(index.body()).contains("href=\"/environments/" + ENV + "\"");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValue(StatusPageController.POLICY);

        String env = get("/environments/" + ENV).body();
        assertThat(row(env, "data-cluster=\"us-east1\"")).contains("colour green", GOOD)
                .contains(DEP + " rolled back: error-rate 5.00% &gt; 1.00% over 6 s (300 requests)")
                .contains("<span class=\"muted\">none</span>");
        assertThat(env).contains("rollback.completed", "traffic back on green", "rollback.started",
                "blue -&gt; green: error-rate 5.00% &gt; 1.00%", "checkout@us-east1")
                .doesNotContain("health.evidence");

        String release = get("/releases/" + DEP).body();
        assertThat(release).contains("id=\"error-rate-chart\"", "class=\"breach\"",
                "breach: error-rate 5.00% &gt; 1.00%", "threshold 1.00%", "class=\"rollback\"", "rolled back to green",
                "threshold 500 ms");
        assertThat(release.split("<circle cx=", -1)).as("three intervals per chart, and the breach's mark")
                .hasSize(1 + 3 + 1 + 3);
        assertThat(get("/releases/nothing-like-it").statusCode()).isEqualTo(404);
    }

    @Test
    void theBuildApiSaysWhatBecameOfTheBuildAndWhen() {
        await("ready once the topics are read").atMost(Duration.ofSeconds(60))
                .until(() -> ServiceProbes.readinessStatus(port) == 200);

        HttpResponse<String> build = get("/api/v1/builds/" + BUILD);

        assertThat(build.statusCode()).isEqualTo(200);
        assertThat(build.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        tools.jackson.databind.JsonNode release = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(build.body()).get("releases").get(0);
        assertThat(release.get("environment").asString()).isEqualTo(ENV);
        assertThat(release.get("deploymentId").asString()).isEqualTo(DEP);
        assertThat(release.get("phase").asString()).isEqualTo("rolled back");
        assertThat(Instant.parse(release.get("switchedAt").asString())).isEqualTo(T0.plusSeconds(5));
        assertThat(Instant.parse(release.get("breachedAt").asString())).isEqualTo(T0.plusSeconds(21));
        assertThat(Instant.parse(release.get("restoredAt").asString())).isEqualTo(T0.plusSeconds(21).plusMillis(200));
        assertThat(get("/api/v1/builds/" + UUID.randomUUID()).statusCode()).as("no deployer took it").isEqualTo(404);
        HttpResponse<String> bad = get("/api/v1/builds/a%3Cb");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"buildEventId\"");
    }

    @Test
    void whatIsWrittenLaterShowsEscapedAndNothingIsWritable() throws Exception {
        String failed = "search-console-it-" + UUID.randomUUID().toString().substring(0, 8);
        send(null, List.of(new DeploymentFailed(id(), Instant.now(), ENV, "search", failed, BAD, DeploymentStage.READINESS,
                "<script>alert('x')</script> not ready", Color.GREEN, null)));

        await("the later failure shows").atMost(Duration.ofSeconds(30))
                .until(() -> get("/environments/" + ENV).body().contains(failed + " failed at readiness"));
        String env = get("/environments/" + ENV).body();
        assertThat(env).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; not ready").doesNotContain("<script");

        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/environments/" + ENV))
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void whatIsWrittenToAPartitionAddedWhileItRunsShows(KafkaBroker broker) throws Exception {
        await("ready once the topics are read").atMost(Duration.ofSeconds(60))
                .until(() -> ServiceProbes.readinessStatus(port) == 200);
        String topic = Topic.DEPLOYMENTS.topicName();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(GROWN))).all().get(30, TimeUnit.SECONDS);
        }
        String failed = "grown-console-it-" + UUID.randomUUID().toString().substring(0, 8);

        sendTo(broker, List.of(new DeploymentFailed(id(), Instant.now(), ENV, "search", failed, BAD,
                DeploymentStage.READINESS, "not ready", Color.GREEN, null)), GROWN - 1);

        await("the event on the added partition shows").atMost(Duration.ofSeconds(30))
                .until(() -> get("/environments/" + ENV).body().contains(failed + " failed at readiness"));
    }

    private static HealthEvidence evidence(int second, double errorRate) {
        return new HealthEvidence(id(), T0.plusSeconds(second), ENV, "checkout", DEP, Color.BLUE, BAD, JudgedPhase.SOAK,
                T0.plusSeconds(second - 5), 250, errorRate, 0.01, 80.0 + second, 500.0, MetricSource.DIRECT_SCRAPE);
    }

    private static String row(String page, String marker) {
        int at = page.indexOf(marker);
        assertThat(at).as("a row with " + marker).isNotNegative();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    private static void send(KafkaBroker broker, List<SwitchbackEvent> events) {
        sendTo(broker, events, null);
    }

    /** Writes the events, to this partition or (null) to their key's. */
    private static void sendTo(KafkaBroker broker, List<SwitchbackEvent> events, Integer partition) {
        String servers = broker != null ? broker.bootstrapServers()
                : System.getProperty(io.switchback.testkit.SharedKafka.BOOTSTRAP_PROPERTY);
        try (KafkaProducer<String, SwitchbackEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(),
                new SwitchbackEventSerializer())) {
            for (SwitchbackEvent event : events) {
                ProducerRecord<String, SwitchbackEvent> record = new ProducerRecord<>(event.type().topic().topicName(),
                        partition, event.key(), event);
                record.headers().add(CloudEventCodec.CLUSTER_HEADER, "us-east1".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
