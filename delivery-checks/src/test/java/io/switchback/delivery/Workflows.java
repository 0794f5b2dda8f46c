package io.switchback.delivery;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's workflow and action files, found and parsed. */
final class Workflows {

    static final List<String> YAML = List.of("*.yml", "*.yaml");

    private Workflows() {
    }

    /** This repository's workflows and the example callers in {@code examples/}. */
    static List<Path> workflowFiles() {
        return Stream.concat(
                        RepositoryFiles.find(".github/workflows", YAML).stream(),
                        RepositoryFiles.find("examples", YAML).stream()
                                .filter(file -> file.getParent().endsWith(Path.of(".github", "workflows"))))
                .toList();
    }

    static List<Path> actionFiles() {
        return RepositoryFiles.find(".github/actions", List.of("action.yml", "action.yaml"));
    }

    /** Parses YAML as GitHub reads it: the key {@code on} stays the string "on" (YAML 1.1 would make it true). */
    static Map<String, Object> parse(Path file) {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(RepositoryFiles.read(file));
        return stringKeys(parsed);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stringKeys(Object parsed) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) parsed).forEach((key, value) -> out.put(Boolean.TRUE.equals(key) ? "on" : String.valueOf(key),
                value));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    static Map<String, Object> jobs(Map<String, Object> workflow) {
        return map(workflow.get("jobs"));
    }

    /** Every step of every job. */
    static Stream<Map<String, Object>> steps(Map<String, Object> workflow) {
        return jobs(workflow).values().stream().flatMap(job -> list(map(job).get("steps")).stream());
    }

    /** A composite action's steps as a workflow_call workflow whose inputs are the action's inputs. */
    static Map<String, Object> asWorkflow(Map<String, Object> action) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        map(action.get("inputs")).keySet().forEach(name -> inputs.put(name, Map.of("type", "string")));
        return Map.of(
                "name", "composite action " + action.get("name"),
                "on", Map.of("workflow_call", Map.of("inputs", inputs)),
                "jobs", Map.of("action", Map.of(
                        "runs-on", "ubuntu-latest",
                        "steps", map(action.get("runs")).get("steps"))));
    }

    static String dump(Map<String, Object> document) {
        return new Yaml().dump(document);
    }
}
