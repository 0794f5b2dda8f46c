package io.switchback.delivery;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The chart rendered by real Helm (helm-java) and parsed into Fabric8 model objects. */
final class RenderedChart {

    static final Path CHART = RepositoryFiles.resolve("charts/switchback");
    static final String RELEASE = "switchback";
    static final String NAMESPACE = "switchback-system";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** Renders with the chart's defaults plus whatever {@code options} adds (values files, --set). */
    static RenderedChart render(UnaryOperator<TemplateCommand> options) {
        return parse(template(options));
    }

    static String template(UnaryOperator<TemplateCommand> options) {
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        return options.apply(command).call();
    }

    static RenderedChart parse(String manifest) {
        List<HasMetadata> objects = Arrays.stream(manifest.split("(?m)^---\\s*$"))
                .filter(RenderedChart::hasContent)
                .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
                .toList();
        return new RenderedChart(objects);
    }

    private static boolean hasContent(String document) {
        return document.lines().anyMatch(line -> !line.isBlank() && !line.stripLeading().startsWith("#"));
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + names()));
    }

    Map<String, String> names() {
        return objects.stream().collect(java.util.stream.Collectors.toMap(
                o -> o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                HasMetadata::getApiVersion));
    }
}
