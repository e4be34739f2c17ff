package dev.beacon.deploy;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's dashboard shows the figures the runbook names. */
class GrafanaDashboardTests {

	@Test
	void chartsEveryBusinessFigureFromPrometheus() {
		JsonObject dashboard = new Gson().fromJson(
				Repository.read(Repository.root().resolve("ops/grafana/beacon-dashboard.json")), JsonObject.class);
		List<String> queries = new ArrayList<>();
		for (JsonElement panel : dashboard.getAsJsonArray("panels")) {
			JsonObject object = panel.getAsJsonObject();
			assertThat(object.getAsJsonObject("datasource").get("type").getAsString()).isEqualTo("prometheus");
			for (JsonElement target : object.getAsJsonArray("targets")) {
				queries.add(target.getAsJsonObject().get("expr").getAsString());
			}
		}
		assertThat(String.join("\n", queries)).contains("beacon_probes_total", "beacon_probe_lateness_seconds",
				"beacon_observation_lag_seconds", "beacon_outbox_depth", "beacon_outbox_age_seconds",
				"beacon_dead_letters_total", "spring_cloud_stream_binder_kafka_offset", "beacon_incidents_open",
				"beacon_deliveries_pending", "beacon_deliveries_failed_total");
	}

}
