package io.switchback.healthmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeTargetTest {

    @Test
    void theHttpContainerPortAndTheDefaultPath() {
        assertThat(ScrapeTarget.of(pod(Map.of(), 8080, "True", "10.0.0.7"))).contains(new ScrapeTarget("p",
                URI.create("http://10.0.0.7:8080/actuator/prometheus"), URI.create("http://10.0.0.7:8080/actuator/health")));
    }

    @Test
    void thePrometheusAnnotationsWin() {
        ScrapeTarget target = ScrapeTarget.of(pod(Map.of("prometheus.io/port", "9090", "prometheus.io/path", "metrics"),
                8080, "True", "10.0.0.7")).orElseThrow();

        assertThat(target.metrics()).isEqualTo(URI.create("http://10.0.0.7:9090/metrics"));
        assertThat(target.health()).isEqualTo(URI.create("http://10.0.0.7:9090/actuator/health"));
        assertThat(ScrapeTarget.of(pod(Map.of("prometheus.io/path", "/p"), 8080, "True", "10.0.0.7")).orElseThrow()
                .metrics()).isEqualTo(URI.create("http://10.0.0.7:8080/p"));
    }

    @Test
    void aBadPortAnnotationFallsBackToTheHttpPort() {
        assertThat(ScrapeTarget.of(pod(Map.of("prometheus.io/port", "http"), 8080, "True", "10.0.0.7")).orElseThrow()
                .metrics().getPort()).isEqualTo(8080);
        assertThat(ScrapeTarget.of(pod(Map.of("prometheus.io/port", "70000"), 8080, "True", "10.0.0.7")).orElseThrow()
                .metrics().getPort()).isEqualTo(8080);
        assertThat(ScrapeTarget.of(pod(Map.of("prometheus.io/port", "0"), 8080, "True", "10.0.0.7")).orElseThrow()
                .metrics().getPort()).isEqualTo(8080);
    }

    @Test
    void onlyReadyPodsWithAnAddressAndAPort() {
        assertThat(ScrapeTarget.of(pod(Map.of(), 8080, "False", "10.0.0.7"))).isEmpty();
        assertThat(ScrapeTarget.of(pod(Map.of(), 8080, "True", null))).isEmpty();
        assertThat(ScrapeTarget.of(pod(Map.of(), null, "True", "10.0.0.7"))).isEmpty();
        assertThat(ScrapeTarget.of(new PodBuilder().withNewMetadata().withName("p").endMetadata().build())).isEmpty();
        Pod withoutConditions = pod(Map.of(), 8080, "True", "10.0.0.7");
        withoutConditions.getStatus().setConditions(null);
        assertThat(ScrapeTarget.of(withoutConditions)).isEmpty();
        assertThat(ScrapeTarget.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewStatus().withPodIP("10.0.0.7").endStatus().build())).isEmpty();
        assertThat(ScrapeTarget.of(new PodBuilder().withNewMetadata().withName("p")
                .withAnnotations(Map.of("prometheus.io/port", "9090")).endMetadata()
                .withNewStatus().withPodIP("10.0.0.7").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build())).as("no spec, but an annotated port").isPresent();
        assertThat(ScrapeTarget.of(new PodBuilder().withNewMetadata().withName("p").endMetadata()
                .withNewStatus().withPodIP("10.0.0.7").addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build())).as("no spec, no annotation").isEmpty();
    }

    static Pod pod(Map<String, String> annotations, Integer httpPort, String ready, String ip) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").withAnnotations(annotations).endMetadata();
        pod.withNewSpec().addNewContainer().withName("app").addNewPort().withName("metrics").withContainerPort(1234)
                .endPort().addNewPort().withName("http").withContainerPort(httpPort).endPort().endContainer()
                .addNewContainer().withName("sidecar").endContainer().endSpec();
        return pod.withNewStatus().withPodIP(ip)
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus().build();
    }
}
