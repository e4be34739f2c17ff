package dev.beacon.collector.pods;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.beacon.collector.CollectorProperties;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Kubernetes API the way {@code kubectl} and the official client do: the
 * kubeconfig named in configuration first, then the in-cluster configuration inside a pod
 * (the service account's token and CA), then {@code KUBECONFIG}, then
 * {@code ~/.kube/config}. With none of them, pods are not watched; one log line says so
 * and HTTP probes go on.
 */
final class KubernetesConnection {

	private static final Logger logger = LoggerFactory.getLogger(KubernetesConnection.class);

	private KubernetesConnection() {
	}

	static Optional<ApiClient> open(CollectorProperties.Kubernetes properties) {
		if (!properties.enabled()) {
			logger.info("Kubernetes monitoring is off (beacon.collector.kubernetes.enabled=false); HTTP probes go on");
			return Optional.empty();
		}
		try {
			if (!properties.kubeconfig().isBlank()) {
				return Optional.of(connected(Config.fromConfig(properties.kubeconfig()), properties.kubeconfig()));
			}
			if (System.getenv(Config.ENV_SERVICE_HOST) != null
					&& Files.isReadable(Path.of(Config.SERVICEACCOUNT_TOKEN_PATH))) {
				return Optional.of(connected(Config.fromCluster(), "the in-cluster service account"));
			}
			Optional<Path> kubeconfig = kubeconfig();
			if (kubeconfig.isPresent()) {
				return Optional
					.of(connected(Config.fromConfig(kubeconfig.get().toString()), kubeconfig.get().toString()));
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Kubernetes monitoring is off: the Kubernetes configuration could not be read ({}); "
					+ "HTTP probes go on", ex.getClass().getSimpleName());
			return Optional.empty();
		}
		logger.info("Kubernetes monitoring is off: not running in a cluster and no kubeconfig "
				+ "(KUBECONFIG, ~/.kube/config); HTTP probes go on");
		return Optional.empty();
	}

	private static Optional<Path> kubeconfig() {
		String variable = System.getenv(Config.ENV_KUBECONFIG);
		if (variable != null && !variable.isBlank()) {
			// like kubectl, the first file of the list
			Path first = Path.of(variable.split(File.pathSeparator)[0]);
			return Files.isReadable(first) ? Optional.of(first) : Optional.empty();
		}
		Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
		return Files.isReadable(home) ? Optional.of(home) : Optional.empty();
	}

	/** A client whose watches may stay open as long as the server keeps them. */
	private static ApiClient connected(ApiClient client, String source) {
		client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(0, TimeUnit.SECONDS).build());
		logger.info("Watching pods through the Kubernetes API at {} (configured by {})", client.getBasePath(), source);
		return client;
	}

}
