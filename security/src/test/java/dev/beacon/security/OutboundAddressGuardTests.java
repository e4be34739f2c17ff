package dev.beacon.security;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundAddressGuardTests {

	private final OutboundAddressGuard guard = new OutboundAddressGuard(List.of());

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/", "http://localhost:8080/", "http://10.1.2.3/", "http://172.16.0.1/",
			"http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/",
			"http://[fe80::1]/", "http://0.0.0.0/", "http://100.64.0.1/", "http://224.0.0.1/" })
	void refusesInternalAddresses(String url) {
		assertThat(this.guard.refusal(URI.create(url))).contains("internal address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://93.184.216.34/", "https://8.8.8.8/health", "http://[2606:4700::1111]/" })
	void allowsPublicAddresses(String url) {
		assertThat(this.guard.refusal(URI.create(url))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9000/", "http://127.8.9.10/" })
	void allowedNetworksOpenInternalAddresses(String url) {
		OutboundAddressGuard guard = new OutboundAddressGuard(List.of("127.0.0.0/8", "10.0.0.0/16"));
		assertThat(guard.refusal(URI.create(url))).isNull();
		assertThat(guard.refusal(URI.create("http://10.1.0.1/"))).isNotNull();
		assertThat(guard.refusal(URI.create("http://10.0.200.1/"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://no-such-host.invalid/" })
	void refusesHostsThatDoNotResolve(String url) {
		assertThat(this.guard.refusal(URI.create(url))).contains("could not be resolved");
	}

}
