package dev.beacon.statusapi.registry.web;

import java.util.Set;

import dev.beacon.statusapi.registry.Precondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTagsTests {

	@Test
	void readsIfMatchAsTheVersionsItAdmits() {
		assertThat(VersionTags.ifMatch(null)).isEqualTo(Precondition.none());
		assertThat(VersionTags.ifMatch("*")).isEqualTo(Precondition.none());
		assertThat(VersionTags.ifMatch("\"7\"")).isEqualTo(Precondition.versions(Set.of(7L)));
		assertThat(VersionTags.ifMatch("\"7\", \"9\"")).isEqualTo(Precondition.versions(Set.of(7L, 9L)));
		// weak and foreign tags match nothing: the write is refused rather than applied
		assertThat(VersionTags.ifMatch("W/\"7\"")).isEqualTo(Precondition.versions(Set.of()));
		assertThat(VersionTags.ifMatch("\"abc\"")).isEqualTo(Precondition.versions(Set.of()));
		assertThat(VersionTags.of(7)).isEqualTo("\"7\"");
	}

}
