package io.switchback.testkit;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Objects;

/**
 * For the services' own tests, the least a Deployment controller does: a Deployment whose image does not
 * end in {@code -unready} gets a ready status for its generation and replica count. (The sandbox
 * simulates the rest: pods, traffic.) The constructor returns once every Deployment that exists then is
 * marked, so that a test's next edit of one does not race the marker's status write (a 409).
 */
public final class ReadyMarker implements AutoCloseable {

    private final SharedIndexInformer<Deployment> informer;

    public ReadyMarker(KubernetesClient client) {
        informer = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                mark(client, d);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                mark(client, after);
            }

            @Override
            public void onDelete(Deployment d, boolean unknown) {
            }
        });
        await("the existing Deployments marked").atMost(Duration.ofSeconds(10))
                .until(() -> informer.getStore().list().stream().allMatch(ReadyMarker::marked));
    }

    private static boolean marked(Deployment d) {
        return d.getStatus() != null
                && Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration());
    }

    private static void mark(KubernetesClient client, Deployment d) {
        String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        Integer replicas = d.getSpec().getReplicas();
        boolean ready = !image.endsWith("-unready");
        var status = new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas)
                .withReadyReplicas(ready ? replicas : null).withAvailableReplicas(ready ? replicas : null).build();
        if (!status.equals(d.getStatus())) {
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                    .editStatus(x -> {
                        x.setStatus(status);
                        return x;
                    });
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
