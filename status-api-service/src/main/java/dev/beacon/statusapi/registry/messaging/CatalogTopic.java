package dev.beacon.statusapi.registry.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import dev.beacon.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes sure the catalog topic is compacted before anything is published on it. The
 * collector rebuilds its targets by reading the catalog from the beginning, so the newest
 * definition of every application must stay on it forever, however old.
 */
@Component
class CatalogTopic implements InitializingBean {

	private static final Map<String, String> COMPACTED = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
			TopicConfig.CLEANUP_POLICY_COMPACT);

	private final String bootstrapServers;

	private final String name;

	private final int partitions;

	CatalogTopic(@Value("${beacon.kafka.bootstrap-servers}") String bootstrapServers,
			@Value("${beacon.kafka.topic-prefix:}") String topicPrefix,
			@Value("${beacon.kafka.partitions:3}") int partitions) {
		this.bootstrapServers = bootstrapServers;
		this.name = topicPrefix + Topics.CATALOG;
		this.partitions = partitions;
	}

	@Override
	public void afterPropertiesSet() throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
			create(admin);
			// a topic that existed already (made by hand, or by a consumer first) is
			// compacted too
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, this.name);
			AlterConfigOp compact = new AlterConfigOp(
					new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
					AlterConfigOp.OpType.SET);
			admin.incrementalAlterConfigs(Map.of(topic, List.of(compact))).all().get();
		}
	}

	private void create(Admin admin) throws InterruptedException, ExecutionException {
		NewTopic topic = new NewTopic(this.name, Optional.of(this.partitions), Optional.empty()).configs(COMPACTED);
		try {
			admin.createTopics(List.of(topic)).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

}
