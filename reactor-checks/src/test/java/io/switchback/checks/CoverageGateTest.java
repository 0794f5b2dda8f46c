package io.switchback.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The coverage gate counts every module's classes but those its pom names as not shipped. This keeps that list
 * honest: it may name only modules that exist, and none that a shipped program runs.
 */
class CoverageGateTest {

    /** What is shipped: the four services, the status page and the CLI (their executable jars and images). */
    private static final List<String> SHIPPED_PROGRAMS =
            List.of("build-listener", "deployer", "health-monitor", "rollback-controller", "console", "cli");

    private static final Path ROOT = Path.of("..");

    @Test
    void theGateLeavesOutOnlyTheTestInfrastructureAndTheDemoHarness() throws Exception {
        assertThat(notShipped()).containsExactlyInAnyOrder("testkit", "mock-api-server", "sandbox");
    }

    @Test
    void everyModuleTheGateLeavesOutExistsAndNoShippedProgramRunsIt() throws Exception {
        Set<String> modules = modules();
        Set<String> shipped = shippedModules();
        assertThat(modules).containsAll(notShipped());
        assertThat(shipped).contains("events", "platform", "cluster").doesNotContainAnyElementsOf(notShipped());
    }

    private static Set<String> notShipped() throws Exception {
        String property = pom(Path.of("pom.xml")).getElementsByTagName("coverage.not-shipped").item(0).getTextContent();
        return Arrays.stream(property.trim().split("\\s+"))
                .map(pattern -> pattern.replace("/target/classes", ""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> modules() throws Exception {
        NodeList modules = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        return names;
    }

    /** The shipped programs and every module they depend on outside the test scope, transitively. */
    private static Set<String> shippedModules() throws Exception {
        Set<String> shipped = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(SHIPPED_PROGRAMS);
        while (!next.isEmpty()) {
            String module = next.pop();
            if (shipped.add(module)) {
                next.addAll(runtimeDependencies(module));
            }
        }
        return shipped;
    }

    private static Set<String> runtimeDependencies(String module) throws Exception {
        Path pom = ROOT.resolve(module).resolve("pom.xml");
        assertThat(pom).as("module %s", module).exists();
        NodeList dependencies = pom(pom).getElementsByTagName("dependency");
        Set<String> found = new TreeSet<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            String scope = text(dependency, "scope");
            if (artifact.startsWith("switchback-") && !"test".equals(scope)) {
                found.add(artifact.substring("switchback-".length()));
            }
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static Document pom(Path file) throws Exception {
        assertThat(Files.exists(file)).as("%s", file.toAbsolutePath()).isTrue();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
