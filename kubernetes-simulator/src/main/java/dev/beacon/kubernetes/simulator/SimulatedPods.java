package dev.beacon.kubernetes.simulator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodStatus;

/** Pods in the states a status page tells apart, as the API server reports them. */
public final class SimulatedPods {

	private SimulatedPods() {
	}

	/** A running pod whose one container is ready, with {@code restarts} restarts. */
	public static V1Pod ready(String namespace, String name, Map<String, String> labels, int restarts) {
		return pod(namespace, name, labels, "Running", true, restarts,
				new V1ContainerState().running(new V1ContainerStateRunning().startedAt(now())), null);
	}

	/** A running pod whose container is up but fails its readiness probe. */
	public static V1Pod unready(String namespace, String name, Map<String, String> labels, int restarts) {
		return pod(namespace, name, labels, "Running", false, restarts,
				new V1ContainerState().running(new V1ContainerStateRunning().startedAt(now())), null);
	}

	/**
	 * A pod whose container crashed {@code restarts} times and waits in CrashLoopBackOff.
	 */
	public static V1Pod crashLooping(String namespace, String name, Map<String, String> labels, int restarts) {
		return pod(namespace, name, labels, "Running", false, restarts,
				new V1ContainerState().waiting(new V1ContainerStateWaiting().reason("CrashLoopBackOff")),
				new V1ContainerState()
					.terminated(new V1ContainerStateTerminated().reason("Error").exitCode(1).finishedAt(now())));
	}

	/** A pod whose container was killed for its memory and restarted. */
	public static V1Pod oomKilled(String namespace, String name, Map<String, String> labels, int restarts) {
		return pod(namespace, name, labels, "Running", true, restarts,
				new V1ContainerState().running(new V1ContainerStateRunning().startedAt(now())), new V1ContainerState()
					.terminated(new V1ContainerStateTerminated().reason("OOMKilled").exitCode(137).finishedAt(now())));
	}

	/** A pending pod whose image cannot be pulled. */
	public static V1Pod imagePullBackOff(String namespace, String name, Map<String, String> labels) {
		return pod(namespace, name, labels, "Pending", false, 0,
				new V1ContainerState().waiting(new V1ContainerStateWaiting().reason("ImagePullBackOff")), null);
	}

	/** A pod the kubelet evicted. */
	public static V1Pod evicted(String namespace, String name, Map<String, String> labels) {
		V1Pod pod = pod(namespace, name, labels, "Failed", false, 0, null, null);
		pod.getStatus().reason("Evicted").message("The node was low on resource: memory.");
		return pod;
	}

	/** A pod not scheduled yet, created {@code createdAt}. */
	public static V1Pod pending(String namespace, String name, Map<String, String> labels, OffsetDateTime createdAt) {
		V1Pod pod = pod(namespace, name, labels, "Pending", false, 0, null, null);
		pod.getMetadata().creationTimestamp(createdAt);
		return pod;
	}

	private static V1Pod pod(String namespace, String name, Map<String, String> labels, String phase, boolean ready,
			int restarts, V1ContainerState state, V1ContainerState lastState) {
		V1PodStatus status = new V1PodStatus().phase(phase)
			.conditions(List.of(new V1PodCondition().type("Ready").status(ready ? "True" : "False")));
		if (state != null) {
			status.containerStatuses(List.of(new V1ContainerStatus().name("main")
				.image("example/" + name)
				.imageID("")
				.ready(ready)
				.restartCount(restarts)
				.state(state)
				.lastState(lastState)));
		}
		return new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name).labels(labels))
			.status(status);
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
