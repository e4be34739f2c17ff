package dev.beacon.statusapi.registry;

import java.util.UUID;

/** A component together with the id of the application it belongs to. */
public record RegisteredComponent(UUID applicationId, Component component) {
}
