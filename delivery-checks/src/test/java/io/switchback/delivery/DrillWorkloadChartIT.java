package io.switchback.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's optional drill workload (values drillWorkload): a service of the blue-green convention that Switchback
 * manages, kept by Helm when turned off, in the applications' namespace.
 */
class DrillWorkloadChartIT {

    private static final String IMAGE = "us-central1-docker.pkg.dev/switchback-shared/switchback/switchback-drill:healthy";

    @Test
    void offByDefaultAndInNoValuesFile() {
        for (RenderedChart chart : ChartRenderingIT.renderings()) {
            assertThat(chart.all()).noneMatch(o -> "drill-workload".equals(
                    o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get("app.kubernetes.io/component")));
        }
    }

    @Test
    void aManagedServiceAndItsBlueColourKeptByHelmWhenEnabled() {
        RenderedChart chart = RenderedChart.render(command -> command.set("drillWorkload.enabled", "true")
                .set("drillWorkload.image", IMAGE).set("applicationsNamespace", "shop"));

        Service service = chart.named(Service.class, "switchback-drill");
        assertThat(service.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(service.getMetadata().getAnnotations()).containsEntry("switchback.io/managed", "true")
                .containsEntry("helm.sh/resource-policy", "keep");
        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of("app", "switchback-drill", "color", "blue"));

        Deployment blue = chart.named(Deployment.class, "switchback-drill-blue");
        assertThat(blue.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(blue.getSpec().getTemplate().getMetadata().getLabels())
                .isEqualTo(Map.of("app", "switchback-drill", "color", "blue"));
        Container workload = blue.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(workload.getImage()).isEqualTo(IMAGE);
        assertThat(workload.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).as("where the health monitor scrapes").isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(workload.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health");
        assertThat(workload.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(workload.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(blue.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(blue.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void enabledWithoutAnImageFailsNamingTheKey() {
        assertThatThrownBy(() -> RenderedChart.template(command -> command.set("drillWorkload.enabled", "true")))
                .hasMessageContaining("drillWorkload.image");
    }
}
