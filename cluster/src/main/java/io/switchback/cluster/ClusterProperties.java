package io.switchback.cluster;

import io.switchback.events.FieldPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The environment a service instance serves and the cluster it reaches ({@code switchback.environment},
 * {@code switchback.kubernetes.*}). One set of instances serves one environment; events of other
 * environments are not theirs.
 *
 * @param environment the environment, e.g. {@code staging} ({@code SWITCHBACK_ENVIRONMENT})
 */
@Validated
@ConfigurationProperties("switchback")
public record ClusterProperties(
        @NotBlank(message = "set SWITCHBACK_ENVIRONMENT (or switchback.environment), e.g. staging")
        @Pattern(regexp = FieldPatterns.NAME, message = "must be a lower-case name such as staging")
        String environment,
        @Valid @NotNull @DefaultValue Kubernetes kubernetes) {

    /**
     * @param namespace  where the managed Services and their Deployments live
     * @param kubeconfig a kubeconfig file; absent: the usual discovery (KUBECONFIG, ~/.kube/config, in-cluster)
     * @param context    the kubeconfig context; absent: its current context
     */
    public record Kubernetes(
            @DefaultValue("default") @Pattern(regexp = FieldPatterns.NAME, message = "must be a namespace name")
            String namespace,
            Path kubeconfig,
            String context) {
    }
}
