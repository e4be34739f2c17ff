package dev.beacon.collector.pods;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;

/**
 * One informer on the pods of one namespace, shared by every component whose pods live
 * there: it lists them, then watches from the list's resource version, resumes a broken
 * watch from the last version it saw, lists again when that version is gone (410), and
 * replays its cache every resync period.
 */
final class NamespaceWatch {

	private final String namespace;

	private final SharedInformerFactory factory;

	private final SharedIndexInformer<V1Pod> informer;

	NamespaceWatch(ApiClient client, String namespace, Duration resync, Consumer<String> onChange,
			Runnable onWatchFailure) {
		this.namespace = namespace;
		this.factory = new SharedInformerFactory(client);
		CoreV1Api api = new CoreV1Api(client);
		this.informer = this.factory.sharedIndexInformerFor(
				(params) -> api.listNamespacedPod(namespace)
					.resourceVersion(params.resourceVersion)
					.timeoutSeconds(params.timeoutSeconds)
					.watch(params.watch)
					.buildCall(null),
				V1Pod.class, V1PodList.class, resync.toMillis(), (type, failure) -> onWatchFailure.run());
		this.informer.addEventHandler(new ResourceEventHandler<>() {

			@Override
			public void onAdd(V1Pod pod) {
				onChange.accept(namespace);
			}

			@Override
			public void onUpdate(V1Pod before, V1Pod after) {
				onChange.accept(namespace);
			}

			@Override
			public void onDelete(V1Pod pod, boolean finalStateUnknown) {
				onChange.accept(namespace);
			}

		});
	}

	void start() {
		this.factory.startAllRegisteredInformers();
	}

	void stop() {
		this.factory.stopAllRegisteredInformers(true);
	}

	String namespace() {
		return this.namespace;
	}

	/**
	 * Whether the first list arrived: before, the cache knows no pods and says nothing.
	 */
	boolean synced() {
		return this.informer.hasSynced();
	}

	List<V1Pod> pods() {
		return this.informer.getIndexer().list();
	}

}
