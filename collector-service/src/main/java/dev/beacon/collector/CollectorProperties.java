package dev.beacon.collector;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param allowedNetworks CIDRs that probes may reach although they are internal
 * @param maxConcurrentProbes how many probes may be in flight at once
 * @param bufferCapacity how many observations wait for Kafka at most (the newest are
 * kept)
 * @param kubernetes how pods are watched
 */
@ConfigurationProperties("beacon.collector")
@Validated
public record CollectorProperties(@NotNull @DefaultValue List<String> allowedNetworks,
		@Min(1) @Max(100000) @DefaultValue("2000") int maxConcurrentProbes,
		@Min(100) @Max(10000000) @DefaultValue("100000") int bufferCapacity,
		@Valid @DefaultValue Kubernetes kubernetes) {

	/**
	 * @param enabled whether pods are watched at all
	 * @param kubeconfig the kubeconfig to use; empty: in-cluster configuration inside a
	 * pod, else {@code KUBECONFIG}, else {@code ~/.kube/config}
	 * @param restartWindow container restarts within this window degrade a component
	 * @param pendingTimeout a pod pending longer than this counts as failing
	 * @param resync how often the informers replay their cache (a safety net; watches
	 * carry every change)
	 */
	public record Kubernetes(@DefaultValue("true") boolean enabled, @DefaultValue("") String kubeconfig,
			@NotNull @DefaultValue("10m") Duration restartWindow, @NotNull @DefaultValue("5m") Duration pendingTimeout,
			@NotNull @DefaultValue("10m") Duration resync) {
	}

}
