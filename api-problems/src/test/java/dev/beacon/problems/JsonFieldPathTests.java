package dev.beacon.problems;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFieldPathTests {

	record Request(@JsonProperty("public") Boolean publicPage, List<Item> items, Item main) {
	}

	record Item(@JsonProperty("max_count") Integer maxCount, String name) {
	}

	@Test
	void namesFieldsAsTheClientSentThem() {
		assertThat(JsonFieldPath.of(Request.class, "publicPage")).isEqualTo("public");
		assertThat(JsonFieldPath.of(Request.class, "items[2].maxCount")).isEqualTo("items[2].max_count");
		assertThat(JsonFieldPath.of(Request.class, "main.name")).isEqualTo("main.name");
		assertThat(JsonFieldPath.of(Request.class, "items[0]")).isEqualTo("items[0]");
	}

	@Test
	void keepsWhatItCannotMap() {
		assertThat(JsonFieldPath.of(Request.class, "unknown.deeper[1].name")).isEqualTo("unknown.deeper[1].name");
	}

}
