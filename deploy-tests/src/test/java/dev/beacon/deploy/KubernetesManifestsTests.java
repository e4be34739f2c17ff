package dev.beacon.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.beacon.events.Topics;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.RbacV1Subject;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPIngressPath;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every overlay under {@code k8s/overlays}, rendered by {@code kubectl kustomize} and
 * read with the official Kubernetes client's models, against what Beacon's services need
 * and may do.
 */
class KubernetesManifestsTests {

	private static final Map<String, RenderedManifests> rendered = new ConcurrentHashMap<>();

	private static final Map<String, String> KAFKA_BROKER = Map.of("strimzi.io/cluster", "beacon-kafka",
			"strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true");

	private static final Map<String, String> DATABASE = Map.of("cnpg.io/cluster", "beacon-db");

	private static final Set<String> AUTOSCALED = Set.of("gateway", "status-api", "collector");

	private static final Set<String> API_SERVICES = Set.of("status-api", "incident", "notifier");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void rendersOnlyObjectsTheKubernetesSchemaAccepts(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		assertThat(manifests.size()).isGreaterThan(40);
		assertThat(manifests.all(V1Secret.class)).as("secrets are referenced, never kept in the repository").isEmpty();
		Set<String> customKinds = manifests.customResources()
			.stream()
			.map((resource) -> resource.get("apiVersion") + "/" + resource.get("kind"))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(customKinds).containsExactlyInAnyOrder("kafka.strimzi.io/v1beta2/Kafka",
				"kafka.strimzi.io/v1beta2/KafkaNodePool", "kafka.strimzi.io/v1beta2/KafkaTopic",
				"postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database");
	}

	@Test
	void refusesAnObjectWithAFieldTheSchemaDoesNotKnow() {
		Map<String, Object> service = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "x"),
				"spec", Map.of("selector", Map.of("a", "b"), "prots", List.of()));
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> RenderedManifests.model(service, V1Service.class))
			.withMessageContaining("prots");
	}

	@Test
	void refusesAnObjectWithoutARequiredField() {
		Map<String, Object> binding = Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "RoleBinding",
				"metadata", Map.of("name", "x"));
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> RenderedManifests.model(binding, V1RoleBinding.class))
			.withMessageContaining("roleRef");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void runsEveryServiceLockedDown(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		for (BeaconService service : BeaconService.ALL) {
			V1PodSpec pod = pod(manifests, service);
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service.name()).isTrue();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(service.name())
				.isEqualTo("RuntimeDefault");
			for (V1Container container : pod.getContainers()) {
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(service.name()).isFalse();
				assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service.name()).isTrue();
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(service.name())
					.containsExactly("ALL");
				assertThat(container.getSecurityContext().getPrivileged()).as(service.name()).isNotEqualTo(true);
				assertThat(container.getResources().getRequests()).as(service.name()).containsKeys("cpu", "memory");
				assertThat(container.getResources().getLimits()).as(service.name()).containsKeys("cpu", "memory");
			}
			assertThat(pod.getTopologySpreadConstraints()).as(service.name())
				.extracting((constraint) -> constraint.getTopologyKey())
				.contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void probesActuatorOnTheManagementPort(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		for (BeaconService service : BeaconService.ALL) {
			V1Container container = container(manifests, service);
			assertThat(environment(manifests, container)).as(service.name())
				.containsEntry("MANAGEMENT_PORT", String.valueOf(service.managementPort()))
				.containsEntry(service.portVariable(), String.valueOf(service.port()));
			assertProbe(container, container.getLivenessProbe(), "/actuator/health/liveness", service);
			assertProbe(container, container.getStartupProbe(), "/actuator/health/liveness", service);
			assertProbe(container, container.getReadinessProbe(), "/actuator/health/readiness", service);
			assertThat(pod(manifests, service).getTerminationGracePeriodSeconds()).as(service.name())
				.isGreaterThan(20L);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void pinsEveryImage(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		for (V1Deployment deployment : manifests.all(V1Deployment.class)) {
			for (V1Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
				assertThat(container.getImage()).as(deployment.getMetadata().getName())
					.matches("[^:@]+(:[^:]+|@sha256:[0-9a-f]{64})")
					.doesNotEndWith(":latest");
			}
		}
		for (BeaconService service : BeaconService.ALL) {
			assertThat(container(manifests, service).getImage()).isEqualTo(service.image());
		}
		for (Map<String, Object> cluster : manifests.customResources("Cluster")) {
			assertThat((String) map(cluster.get("spec")).get("imageName")).matches(".+:[0-9][^:]*");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void givesEveryServiceTheVariablesItsConfigurationRequires(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		for (BeaconService service : BeaconService.ALL) {
			V1Container container = container(manifests, service);
			Map<String, String> environment = environment(manifests, container);
			assertThat(environment.keySet()).as(service.name())
				.containsAll(service.configuration().requiredEnvironmentVariables());
			if (service.hasDatabase()) {
				assertThat(environment).as(service.name())
					.containsEntry("BEACON_DB_HOST", "beacon-db-rw")
					.containsEntry("BEACON_DB_NAME", service.database());
				for (String secret : List.of("BEACON_DB_USERNAME", "BEACON_DB_PASSWORD")) {
					V1EnvVar variable = container.getEnv()
						.stream()
						.filter((env) -> env.getName().equals(secret))
						.findFirst()
						.orElseThrow();
					assertThat(variable.getValueFrom().getSecretKeyRef().getName()).as(secret)
						.isEqualTo("beacon-db-app");
				}
			}
			if (!service.name().equals("gateway")) {
				assertThat(environment).as(service.name())
					.containsEntry("BEACON_KAFKA_BOOTSTRAP_SERVERS", "beacon-kafka-kafka-bootstrap:9092");
			}
			if (service.verifiesTokens()) {
				assertThat(environment).as(service.name()).containsKey("BEACON_JWT_JWK_SET_URI");
				assertThat(environment).as(service.name()).doesNotContainKey("BEACON_JWT_HMAC_SECRET");
			}
			assertThat(environment).as(service.name()).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void exposesEachServiceAndKeepsItAvailable(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		for (BeaconService service : BeaconService.ALL) {
			Map<String, String> labels = podLabels(manifests, service);
			V1Service kubernetesService = named(manifests.all(V1Service.class), service.name(),
					(object) -> object.getMetadata().getName());
			assertThat(labels).containsAllEntriesOf(kubernetesService.getSpec().getSelector());
			assertThat(kubernetesService.getSpec().getPorts()).extracting((port) -> port.getPort())
				.containsExactlyInAnyOrder(service.port(), service.managementPort());
			V1PodDisruptionBudget budget = named(manifests.all(V1PodDisruptionBudget.class), service.name(),
					(object) -> object.getMetadata().getName());
			assertThat(Selectors.matches(budget.getSpec().getSelector(), labels)).as(service.name()).isTrue();
		}
		List<V2HorizontalPodAutoscaler> autoscalers = manifests.all(V2HorizontalPodAutoscaler.class);
		assertThat(autoscalers).extracting((hpa) -> hpa.getSpec().getScaleTargetRef().getName())
			.containsExactlyInAnyOrderElementsOf(AUTOSCALED);
		for (V2HorizontalPodAutoscaler autoscaler : autoscalers) {
			assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void letsOnlyTheCollectorReadPodsAndNothingElse(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		for (V1ServiceAccount account : manifests.all(V1ServiceAccount.class)) {
			boolean collector = account.getMetadata().getName().equals("collector");
			assertThat(account.getAutomountServiceAccountToken()).as(account.getMetadata().getName())
				.isEqualTo(collector);
		}
		for (BeaconService service : BeaconService.ALL) {
			V1PodSpec pod = pod(manifests, service);
			assertThat(pod.getServiceAccountName()).isEqualTo(service.name());
			assertThat(pod.getAutomountServiceAccountToken()).as(service.name())
				.isEqualTo(service.name().equals("collector"));
		}
		List<V1PolicyRule> rules = new ArrayList<>();
		manifests.all(V1Role.class).forEach((role) -> rules.addAll(role.getRules()));
		manifests.all(V1ClusterRole.class).forEach((role) -> rules.addAll(role.getRules()));
		assertThat(rules).isNotEmpty();
		for (V1PolicyRule rule : rules) {
			assertThat(rule.getApiGroups()).containsExactly("");
			assertThat(rule.getResources()).containsExactly("pods");
			assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
			assertThat(rule.getResourceNames()).isNullOrEmpty();
		}
		List<RbacV1Subject> subjects = new ArrayList<>();
		manifests.all(V1RoleBinding.class).forEach((binding) -> subjects.addAll(binding.getSubjects()));
		manifests.all(V1ClusterRoleBinding.class).forEach((binding) -> subjects.addAll(binding.getSubjects()));
		String namespace = manifests.all(V1Deployment.class).get(0).getMetadata().getNamespace();
		assertThat(subjects).isNotEmpty().allSatisfy((subject) -> {
			assertThat(subject.getKind()).isEqualTo("ServiceAccount");
			assertThat(subject.getName()).isEqualTo("collector");
			assertThat(subject.getNamespace()).isEqualTo(namespace);
		});
		if (overlay.equals("prod")) {
			assertThat(manifests.all(V1ClusterRole.class)).hasSize(1);
			assertThat(manifests.all(V1Role.class)).isEmpty();
		}
		else {
			assertThat(manifests.all(V1ClusterRole.class)).isEmpty();
			assertThat(manifests.all(V1Role.class)).extracting((role) -> role.getMetadata().getNamespace())
				.contains(namespace)
				.hasSizeGreaterThan(1);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void deniesAllTrafficThePoliciesDoNotName(String overlay) {
		NetworkPolicies policies = new NetworkPolicies(manifests(overlay).all(V1NetworkPolicy.class));
		assertThat(policies.defaultDeny()).as("a policy that selects every pod, both directions").isTrue();
		List<Map<String, String>> pods = new ArrayList<>();
		BeaconService.ALL.forEach((service) -> pods.add(podLabels(manifests(overlay), service)));
		pods.add(KAFKA_BROKER);
		pods.add(DATABASE);
		for (Map<String, String> pod : pods) {
			assertThat(policies.selecting(pod)).as("policies for %s beyond default deny", pod).hasSizeGreaterThan(2);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void letsOnlyTheGatewayTakeTrafficFromTheIngressController(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		NetworkPolicies policies = new NetworkPolicies(manifests.all(V1NetworkPolicy.class));
		Map<String, String> ingressController = Map.of("kubernetes.io/metadata.name", "ingress-nginx");
		for (BeaconService service : BeaconService.ALL) {
			boolean reachable = policies.ingressAllows(podLabels(manifests, service), ingressController, Map.of(),
					service.port());
			assertThat(reachable).as("the ingress controller reaches %s", service.name())
				.isEqualTo(service.name().equals("gateway"));
		}
		assertThat(policies.ingressAllows(KAFKA_BROKER, ingressController, Map.of(), 9092)).isFalse();
		assertThat(policies.ingressAllows(DATABASE, ingressController, Map.of(), 5432)).isFalse();
		for (V1Ingress ingress : manifests.all(V1Ingress.class)) {
			for (V1IngressRule rule : ingress.getSpec().getRules()) {
				for (V1HTTPIngressPath path : rule.getHttp().getPaths()) {
					assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
					assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void letsEachServiceReachOnlyWhatItCalls(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		NetworkPolicies policies = new NetworkPolicies(manifests.all(V1NetworkPolicy.class));
		for (BeaconService from : BeaconService.ALL) {
			Map<String, String> source = podLabels(manifests, from);
			for (BeaconService to : BeaconService.ALL) {
				boolean calls = from.name().equals("gateway") && API_SERVICES.contains(to.name());
				Map<String, String> target = podLabels(manifests, to);
				assertThat(policies.egressAllows(source, target, to.port())).as("%s → %s", from.name(), to.name())
					.isEqualTo(calls);
				assertThat(policies.ingressAllows(target, Map.of(), source, to.port()))
					.as("%s takes %s's calls", to.name(), from.name())
					.isEqualTo(calls);
			}
			// every service, the gateway included (it reads beacon.pages.v1)
			boolean usesKafka = true;
			assertThat(policies.egressAllows(source, KAFKA_BROKER, 9092)).as("%s → Kafka", from.name())
				.isEqualTo(usesKafka);
			assertThat(policies.egressAllows(source, DATABASE, 5432)).as("%s → PostgreSQL", from.name())
				.isEqualTo(from.hasDatabase());
			assertThat(policies.ingressAllows(DATABASE, Map.of(), source, 5432)).as("PostgreSQL takes %s", from.name())
				.isEqualTo(from.hasDatabase());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void routesPublicPagesStatusHostsAndCustomDomainsToTheGateway(String overlay) {
		List<V1IngressRule> rules = manifests(overlay).all(V1Ingress.class)
			.stream()
			.flatMap((ingress) -> ingress.getSpec().getRules().stream())
			.toList();
		List<String> hosts = rules.stream().map(V1IngressRule::getHost).toList();
		assertThat(hosts).as("a wildcard for status hosts").anyMatch((host) -> host != null && host.startsWith("*."));
		assertThat(hosts).as("a rule for any other host: custom domains").containsNull();
		Set<String> paths = rules.stream()
			.filter((rule) -> rule.getHost() != null && !rule.getHost().startsWith("*."))
			.flatMap((rule) -> rule.getHttp().getPaths().stream())
			.map(V1HTTPIngressPath::getPath)
			.collect(Collectors.toSet());
		assertThat(paths).contains("/api", "/public");
		assertThat(paths).noneMatch((path) -> path.startsWith("/actuator"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void declaresEveryTopicAndDeadLetterTopicTheServicesUse(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		Map<String, Map<String, Object>> topics = new HashMap<>();
		for (Map<String, Object> topic : manifests.customResources("KafkaTopic")) {
			assertThat(map(topic.get("metadata")).get("labels").toString()).contains("strimzi.io/cluster=beacon-kafka");
			Map<String, Object> spec = map(topic.get("spec"));
			topics.put((String) spec.get("topicName"), spec);
		}
		Set<String> expected = new TreeSet<>(eventTopics());
		expected.add("beacon.pages.v1");
		Set<String> consumed = new TreeSet<>();
		for (BeaconService service : BeaconService.ALL) {
			expected.addAll(service.configuration().deadLetterTopics());
			consumed.addAll(service.configuration().consumedTopics());
		}
		assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected).containsAll(consumed);
		int brokers = (Integer) map(manifests.customResources("KafkaNodePool").get(0).get("spec")).get("replicas");
		topics.forEach((name, spec) -> {
			String cleanup = (String) map(spec.get("config")).get("cleanup.policy");
			boolean compacted = name.equals(Topics.CATALOG) || name.equals("beacon.pages.v1");
			assertThat(cleanup).as(name).isEqualTo(compacted ? "compact" : "delete");
			if (!compacted) {
				assertThat(map(spec.get("config"))).as(name).containsKey("retention.ms");
			}
			assertThat((Integer) spec.get("replicas")).as(name).isBetween(1, brokers);
			if (name.startsWith("error.")) {
				String source = topics.keySet()
					.stream()
					.filter((topic) -> name.startsWith("error." + topic + "."))
					.findFirst()
					.orElseThrow();
				assertThat(spec.get("partitions")).as("%s has %s's partitions", name, source)
					.isEqualTo(topics.get(source).get("partitions"));
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void runsKafkaInKraftModeThroughTheOperator(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		Map<String, Object> kafka = manifests.customResources("Kafka").get(0);
		assertThat(map(kafka.get("metadata")).get("name")).isEqualTo("beacon-kafka");
		assertThat(manifests.customResources("KafkaNodePool")).singleElement().satisfies((pool) -> {
			assertThat((List<Object>) map(pool.get("spec")).get("roles")).containsExactlyInAnyOrder("controller",
					"broker");
			assertThat(map(pool.get("metadata")).get("labels").toString()).contains("strimzi.io/cluster=beacon-kafka");
		});
		Map<String, Object> config = map(map(map(kafka.get("spec")).get("kafka")).get("config"));
		int brokers = (Integer) map(manifests.customResources("KafkaNodePool").get(0).get("spec")).get("replicas");
		assertThat((Integer) config.get("min.insync.replicas")).isLessThanOrEqualTo(brokers);
		assertThat((Integer) config.get("default.replication.factor")).isEqualTo(Math.min(brokers, 3));
		assertThat(manifests.customResources()).noneMatch((resource) -> "StatefulSet".equals(resource.get("kind")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void createsTheDatabaseOfEveryServiceThroughTheOperator(String overlay) {
		RenderedManifests manifests = manifests(overlay);
		Map<String, Object> cluster = manifests.customResources("Cluster").get(0);
		assertThat(map(cluster.get("metadata")).get("name")).isEqualTo("beacon-db");
		Map<String, Object> initdb = map(map(map(cluster.get("spec")).get("bootstrap")).get("initdb"));
		Set<String> databases = new TreeSet<>();
		databases.add((String) initdb.get("database"));
		for (Map<String, Object> database : manifests.customResources("Database")) {
			Map<String, Object> spec = map(database.get("spec"));
			assertThat(map(spec.get("cluster")).get("name")).isEqualTo("beacon-db");
			assertThat(spec.get("owner")).isEqualTo(initdb.get("owner"));
			databases.add((String) spec.get("name"));
		}
		assertThat(databases).containsExactlyInAnyOrderElementsOf(
				BeaconService.ALL.stream().filter(BeaconService::hasDatabase).map(BeaconService::database).toList());
	}

	private static void assertProbe(V1Container container, V1Probe probe, String path, BeaconService service) {
		assertThat(probe).as("%s probe on %s", path, service.name()).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		IntOrString port = probe.getHttpGet().getPort();
		int number = port.isInteger() ? port.getIntValue()
				: container.getPorts()
					.stream()
					.filter((candidate) -> port.getStrValue().equals(candidate.getName()))
					.map(V1ContainerPort::getContainerPort)
					.findFirst()
					.orElseThrow(() -> new AssertionError("no container port named " + port.getStrValue()));
		assertThat(number).as("%s probe port of %s", path, service.name()).isEqualTo(service.managementPort());
	}

	private static Set<String> eventTopics() {
		Set<String> topics = new TreeSet<>();
		for (Field field : Topics.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				try {
					topics.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return topics;
	}

	private static Map<String, String> environment(RenderedManifests manifests, V1Container container) {
		Map<String, String> environment = new HashMap<>();
		for (V1EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
			assertThat(source.getSecretRef()).as("secrets are named one by one").isNull();
			V1ConfigMap configMap = named(manifests.all(V1ConfigMap.class), source.getConfigMapRef().getName(),
					(object) -> object.getMetadata().getName());
			environment.putAll(configMap.getData());
		}
		for (V1EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
			environment.put(variable.getName(), Objects.requireNonNullElse(variable.getValue(), "<from a secret>"));
		}
		return environment;
	}

	private static Map<String, String> podLabels(RenderedManifests manifests, BeaconService service) {
		return deployment(manifests, service).getSpec().getTemplate().getMetadata().getLabels();
	}

	private static V1PodSpec pod(RenderedManifests manifests, BeaconService service) {
		return deployment(manifests, service).getSpec().getTemplate().getSpec();
	}

	private static V1Container container(RenderedManifests manifests, BeaconService service) {
		List<V1Container> containers = pod(manifests, service).getContainers();
		assertThat(containers).as(service.name()).hasSize(1);
		return containers.get(0);
	}

	private static V1Deployment deployment(RenderedManifests manifests, BeaconService service) {
		return named(manifests.all(V1Deployment.class), service.name(), (object) -> object.getMetadata().getName());
	}

	private static <T> T named(List<T> objects, String name, java.util.function.Function<T, String> nameOf) {
		return objects.stream()
			.filter((object) -> name.equals(nameOf.apply(object)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no object named " + name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object map) {
		return (Map<String, Object>) map;
	}

	private static RenderedManifests manifests(String overlay) {
		Optional<Path> kubectl = RenderedManifests.kubectl();
		assumeTrue(kubectl.isPresent(),
				"kubectl is not on the PATH: the overlays cannot be rendered (install kubectl 1.27+ to run this test)");
		return rendered.computeIfAbsent(overlay, (name) -> {
			try {
				return RenderedManifests.render(kubectl.get(), name);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
	}

	/** Which traffic a set of network policies lets through, pod by pod. */
	record NetworkPolicies(List<V1NetworkPolicy> policies) {

		boolean defaultDeny() {
			return this.policies.stream()
				.anyMatch((policy) -> Selectors.isEmpty(policy.getSpec().getPodSelector())
						&& policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
						&& isEmpty(policy.getSpec().getIngress()) && isEmpty(policy.getSpec().getEgress()));
		}

		private static boolean isEmpty(List<?> rules) {
			return rules == null || rules.isEmpty();
		}

		List<V1NetworkPolicy> selecting(Map<String, String> pod) {
			return this.policies.stream()
				.filter((policy) -> Selectors.matches(policy.getSpec().getPodSelector(), pod))
				.toList();
		}

		/**
		 * Whether a pod with these labels, in this namespace, may connect to the target.
		 */
		boolean ingressAllows(Map<String, String> target, Map<String, String> sourceNamespace,
				Map<String, String> sourcePod, int port) {
			return selecting(target).stream()
				.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Ingress"))
				.flatMap((policy) -> Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of()).stream())
				.anyMatch((rule) -> allows(rule.getFrom(), rule.getPorts(), sourceNamespace, sourcePod, port));
		}

		/** Whether a pod may open a connection to a pod of Beacon's own namespace. */
		boolean egressAllows(Map<String, String> source, Map<String, String> target, int port) {
			return selecting(source).stream()
				.filter((policy) -> policy.getSpec().getPolicyTypes().contains("Egress"))
				.flatMap((policy) -> Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of()).stream())
				.anyMatch((rule) -> allows(rule.getTo(), rule.getPorts(), Map.of(), target, port));
		}

		/**
		 * A peer in another namespace is given by its namespace's labels, a pod of this
		 * namespace by its own (and an empty namespace map). An ipBlock peer says nothing
		 * about pods here: pod-to-pod rules are written with selectors.
		 */
		private static boolean allows(List<V1NetworkPolicyPeer> peers, List<V1NetworkPolicyPort> ports,
				Map<String, String> namespace, Map<String, String> pod, int port) {
			boolean portAllowed = ports == null || ports.isEmpty() || ports.stream().anyMatch((allowed) -> {
				int from = allowed.getPort().getIntValue();
				int to = (allowed.getEndPort() != null) ? allowed.getEndPort() : from;
				return port >= from && port <= to;
			});
			if (!portAllowed || peers == null) {
				return portAllowed && peers == null;
			}
			return peers.stream().anyMatch((peer) -> {
				if (peer.getIpBlock() != null) {
					return false;
				}
				if (peer.getNamespaceSelector() != null) {
					return !namespace.isEmpty() && Selectors.matches(peer.getNamespaceSelector(), namespace)
							&& (peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), pod));
				}
				return namespace.isEmpty() && Selectors.matches(peer.getPodSelector(), pod);
			});
		}

	}

}
