package dev.beacon.notifier.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** Every channel bean, by type. */
@Component
public class NotificationChannels {

	private final Map<String, NotificationChannel> channels = new TreeMap<>();

	NotificationChannels(List<NotificationChannel> channels) {
		for (NotificationChannel channel : channels) {
			NotificationChannel previous = this.channels.put(channel.type(), channel);
			if (previous != null) {
				throw new IllegalStateException("Two notification channels serve type '" + channel.type() + "': "
						+ previous.getClass().getName() + " and " + channel.getClass().getName());
			}
		}
	}

	public Optional<NotificationChannel> find(String type) {
		return Optional.ofNullable(this.channels.get(type));
	}

	/** The types of the channels that carry events of this type, sorted. */
	public List<String> carrying(String eventType) {
		return this.channels.values()
			.stream()
			.filter((channel) -> channel.carries(eventType))
			.map(NotificationChannel::type)
			.toList();
	}

	/** The types, sorted, for error messages. */
	public String types() {
		return String.join(", ", this.channels.keySet());
	}

}
