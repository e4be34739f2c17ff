package dev.beacon.collector.pods;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;

/**
 * Reads pods as a status page needs them: ready or not, restarts within the restart
 * window, and the reason of a pod that is not well — {@code Evicted},
 * {@code CrashLoopBackOff}, {@code ImagePullBackOff}, {@code OOMKilled}, {@code Pending}
 * (longer than the pending timeout) or {@code NotReady} (failing its readiness probe).
 * <p>
 * Kubernetes reports a container's restarts since the pod began, not within a window, so
 * the inspector remembers the counts it saw over the window; a container whose last run
 * ended within the window counts at least once, so that a restart just before this
 * collector started is not missed.
 */
final class PodInspector {

	private final Duration restartWindow;

	private final Duration pendingTimeout;

	private final Clock clock;

	private final Map<String, Deque<Sample>> restartsByPod = new ConcurrentHashMap<>();

	PodInspector(Duration restartWindow, Duration pendingTimeout, Clock clock) {
		this.restartWindow = restartWindow;
		this.pendingTimeout = pendingTimeout;
		this.clock = clock;
	}

	Duration restartWindow() {
		return this.restartWindow;
	}

	/** The summary of these pods (those a selector chose). */
	PodSummary summarize(Collection<V1Pod> pods) {
		Instant now = this.clock.instant();
		List<PodSummary.Pod> counted = pods.stream()
			.filter(PodInspector::counts)
			.sorted(Comparator.comparing((V1Pod pod) -> pod.getMetadata().getName()))
			.map((pod) -> inspect(pod, now))
			.toList();
		int ready = (int) counted.stream().filter(PodSummary.Pod::ready).count();
		int restarts = counted.stream().mapToInt(PodSummary.Pod::restarts).sum();
		return new PodSummary(ready, counted.size(), restarts, counted);
	}

	/** Forgets the restart counts of pods that are gone. */
	void retain(Set<String> podUids) {
		this.restartsByPod.keySet().retainAll(podUids);
	}

	/**
	 * Completed pods (a job's) and pods being deleted (a rollout's) say nothing of
	 * health.
	 */
	private static boolean counts(V1Pod pod) {
		if (pod.getMetadata() == null || pod.getMetadata().getDeletionTimestamp() != null) {
			return false;
		}
		return pod.getStatus() == null || !"Succeeded".equals(pod.getStatus().getPhase());
	}

	private PodSummary.Pod inspect(V1Pod pod, Instant now) {
		V1PodStatus status = (pod.getStatus() != null) ? pod.getStatus() : new V1PodStatus();
		boolean ready = status.getConditions() != null && status.getConditions()
			.stream()
			.anyMatch((condition) -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
		List<V1ContainerStatus> containers = containers(status);
		return new PodSummary.Pod(pod.getMetadata().getName(), ready, restarts(pod, containers, now),
				reason(pod, status, containers, ready, now));
	}

	private int restarts(V1Pod pod, List<V1ContainerStatus> containers, Instant now) {
		int total = containers.stream()
			.mapToInt((container) -> Objects.requireNonNullElse(container.getRestartCount(), 0))
			.sum();
		Instant windowStart = now.minus(this.restartWindow);
		String uid = Objects.requireNonNullElse(pod.getMetadata().getUid(), pod.getMetadata().getName());
		Deque<Sample> samples = this.restartsByPod.computeIfAbsent(uid, (key) -> new ArrayDeque<>());
		synchronized (samples) {
			if (samples.isEmpty() || samples.peekLast().restarts() != total) {
				samples.addLast(new Sample(now, total));
			}
			// keep one sample at or before the window's start: the count the window began
			// with
			while (samples.size() > 1 && !second(samples).at().isAfter(windowStart)) {
				samples.removeFirst();
			}
			int seen = total - samples.peekFirst().restarts();
			long recentlyEnded = containers.stream()
				.map((container) -> terminatedAt(container.getLastState()))
				.filter((finished) -> finished != null && finished.isAfter(windowStart))
				.count();
			return Math.max(seen, (int) recentlyEnded);
		}
	}

	private String reason(V1Pod pod, V1PodStatus status, List<V1ContainerStatus> containers, boolean ready,
			Instant now) {
		if ("Evicted".equals(status.getReason())) {
			return "Evicted";
		}
		Set<String> waiting = containers.stream()
			.map((container) -> (container.getState() != null && container.getState().getWaiting() != null)
					? container.getState().getWaiting().getReason() : null)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		if (waiting.contains("CrashLoopBackOff")) {
			return "CrashLoopBackOff";
		}
		if (waiting.contains("ImagePullBackOff") || waiting.contains("ErrImagePull")) {
			return "ImagePullBackOff";
		}
		Instant windowStart = now.minus(this.restartWindow);
		boolean oomKilled = containers.stream()
			.flatMap((container) -> Stream.of(container.getState(), container.getLastState()))
			.filter((state) -> state != null && state.getTerminated() != null)
			.anyMatch((state) -> "OOMKilled".equals(state.getTerminated().getReason())
					&& (state.getTerminated().getFinishedAt() == null
							|| state.getTerminated().getFinishedAt().toInstant().isAfter(windowStart)));
		if (oomKilled) {
			return "OOMKilled";
		}
		if ("Pending".equals(status.getPhase())) {
			OffsetDateTime created = pod.getMetadata().getCreationTimestamp();
			return (created != null && created.toInstant().plus(this.pendingTimeout).isBefore(now)) ? "Pending" : null;
		}
		if ("Failed".equals(status.getPhase())) {
			return "Failed";
		}
		return ready ? null : "NotReady";
	}

	private static Sample second(Deque<Sample> samples) {
		Iterator<Sample> iterator = samples.iterator();
		iterator.next();
		return iterator.next();
	}

	private static List<V1ContainerStatus> containers(V1PodStatus status) {
		return (status.getContainerStatuses() != null) ? status.getContainerStatuses() : List.of();
	}

	private static Instant terminatedAt(V1ContainerState state) {
		return (state != null && state.getTerminated() != null && state.getTerminated().getFinishedAt() != null)
				? state.getTerminated().getFinishedAt().toInstant() : null;
	}

	private record Sample(Instant at, int restarts) {
	}

}
