package dev.beacon.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a Kubernetes cluster is configured for the local run, the way the collector
 * looks: {@code beacon.collector.kubernetes.kubeconfig}, the in-cluster service account,
 * {@code KUBECONFIG}, {@code ~/.kube/config}.
 */
final class Clusters {

	private Clusters() {
	}

	/** Where the cluster's configuration comes from, or null when there is none. */
	static String configured() {
		String property = System.getProperty("beacon.collector.kubernetes.kubeconfig");
		if (property != null && !property.isBlank()) {
			return property;
		}
		if (System.getenv("KUBERNETES_SERVICE_HOST") != null
				&& Files.isReadable(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"))) {
			return "the in-cluster service account";
		}
		String variable = System.getenv("KUBECONFIG");
		if (variable != null && !variable.isBlank()) {
			Path first = Path.of(variable.split(File.pathSeparator)[0]);
			return Files.isReadable(first) ? first.toString() : null;
		}
		Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
		return Files.isReadable(home) ? home.toString() : null;
	}

}
