package dev.beacon.statusapi.metrics;

import dev.beacon.statusapi.registry.MetricUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricFormatTests {

	@Test
	void writesThreeSignificantDigitsAndTheUnit() {
		assertThat(MetricFormat.format(123.456, MetricUnit.MILLISECONDS)).isEqualTo("123 ms");
		assertThat(MetricFormat.format(0.012345, MetricUnit.SECONDS)).isEqualTo("0.0123 s");
		assertThat(MetricFormat.format(99.951, MetricUnit.PERCENT)).isEqualTo("100%");
		assertThat(MetricFormat.format(99.94, MetricUnit.PERCENT)).isEqualTo("99.9%");
		assertThat(MetricFormat.format(1234.5, MetricUnit.REQUESTS_PER_SECOND)).isEqualTo("1235 req/s");
		assertThat(MetricFormat.format(12, MetricUnit.COUNT)).isEqualTo("12");
		assertThat(MetricFormat.format(0, null)).isEqualTo("0");
		assertThat(MetricFormat.format(1e-9, null)).isEqualTo("0.000000001");
	}

	@Test
	void writesByteCountsInBinaryMultiples() {
		assertThat(MetricFormat.format(512, MetricUnit.BYTES)).isEqualTo("512 B");
		assertThat(MetricFormat.format(1536, MetricUnit.BYTES)).isEqualTo("1.5 KiB");
		assertThat(MetricFormat.format(5.5 * 1024 * 1024, MetricUnit.BYTES_PER_SECOND)).isEqualTo("5.5 MiB/s");
	}

}
