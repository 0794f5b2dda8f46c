package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import io.switchback.testkit.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** An outside consumer, the real kcat as ops use it, reads what the codec wrote. */
@RealKafka
class KcatReadsEventsIT {

    @Test
    void kcatSeesJsonDataAndCloudEventsHeaders(KafkaBroker broker) throws Exception {
        Path kcat = RequiredTool.require("kcat");
        String topic = "kcat-it-" + UUID.randomUUID();
        broker.createTopics(1, topic);
        SwitchbackEvent event = EventExamples.all().stream()
                .filter(e -> e instanceof RollbackCompleted).findFirst().orElseThrow();
        try (KafkaProducer<String, SwitchbackEvent> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new SwitchbackEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, event.key(), event)).get(30, TimeUnit.SECONDS);
        }

        String out = run(kcat.toString(), "-b", broker.bootstrapServers(), "-C", "-t", topic,
                "-o", "beginning", "-c", "1", "-e", "-q", "-f", "KEY=%k\\nHEADERS=%h\\nVALUE=%s\\n");

        assertThat(line(out, "KEY=")).isEqualTo("staging/checkout");
        assertThat(line(out, "HEADERS=")).contains("ce_specversion=1.0")
                .contains("ce_type=io.switchback.rollback.completed.v1")
                .contains("ce_id=" + event.eventId())
                .contains("ce_source=/switchback/rollback-controller")
                .contains("ce_subject=staging/checkout")
                .contains("content-type=application/json");
        assertThat(EventJson.mapper().readTree(line(out, "VALUE="))).isEqualTo(EventJson.toTree(event));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcat did not finish within 60 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kcat exit status; output:\n" + out).isZero();
        return out;
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " line in:\n" + out));
    }
}
