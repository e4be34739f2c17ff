package dev.beacon.statusapi.registry;

import dev.beacon.events.ApplicationDefined;

/**
 * The pods that serve a component: those in {@code namespace} matching
 * {@code labelSelector} ({@code kubectl -l} syntax).
 *
 * @param namespace a DNS-1123 label
 * @param labelSelector which pods
 * @param intervalSeconds how often the collector reports the pods when nothing changes
 */
public record KubernetesSource(String namespace, String labelSelector, int intervalSeconds) {

	public static final int DEFAULT_INTERVAL_SECONDS = 30;

	ApplicationDefined.Kubernetes definition() {
		return new ApplicationDefined.Kubernetes(this.namespace, this.labelSelector, this.intervalSeconds);
	}

}
