package dev.beacon.incident.detection.persistence;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import dev.beacon.incident.detection.MaintenanceWindows;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Reads the maintenance feature's tables: the same service, the same database. */
@Repository
class R2dbcMaintenanceWindows implements MaintenanceWindows {

	private final DatabaseClient database;

	R2dbcMaintenanceWindows(DatabaseClient database) {
		this.database = database;
	}

	@Override
	public Mono<Set<UUID>> componentsUnderMaintenance(UUID applicationId) {
		return this.database.sql("""
				SELECT DISTINCT c.component_id FROM maintenances m
				JOIN maintenance_components c ON c.maintenance_id = m.id
				WHERE m.application_id = :application AND m.status IN ('in_progress', 'verifying')""")
			.bind("application", applicationId)
			.map((row) -> row.get("component_id", UUID.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

}
