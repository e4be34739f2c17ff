package dev.beacon.security.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutboundAddressGuardTests {

	final OutboundAddressGuard guard = new OutboundAddressGuard(List.of());

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.8.9.10", "::1", "10.0.0.1", "10.255.255.255", "172.16.0.1",
			"172.31.255.254", "192.168.1.1", "100.64.0.1", "169.254.169.254", "169.254.0.1", "fe80::1", "fc00::1",
			"fd12:3456::1", "0.0.0.0", "0.1.2.3", "::", "224.0.0.1", "239.255.255.250", "ff02::1", "::ffff:10.0.0.1",
			"::ffff:169.254.169.254", "::ffff:127.0.0.1" })
	void refusesInternalAddresses(String address) throws UnknownHostException {
		assertThat(this.guard.refusal(InetAddress.getByName(address))).isNotNull().contains("may not be called");
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1",
			"100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e" })
	void allowsPublicAddresses(String address) throws UnknownHostException {
		assertThat(this.guard.refusal(InetAddress.getByName(address))).isNull();
	}

	@Test
	void allowListOpensOnlyItsBlocks() throws UnknownHostException {
		OutboundAddressGuard open = new OutboundAddressGuard(
				List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("fd00::/8")));
		assertThat(open.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
		assertThat(open.refusal(InetAddress.getByName("127.200.0.9"))).isNull();
		assertThat(open.refusal(InetAddress.getByName("fd12::1"))).isNull();
		assertThat(open.refusal(InetAddress.getByName("::1"))).isNotNull();
		assertThat(open.refusal(InetAddress.getByName("10.0.0.1"))).isNotNull();
		assertThat(open.refusal(InetAddress.getByName("169.254.169.254"))).isNotNull();
	}

	@Test
	void refusesAHostWhenItResolvesToAnInternalAddress() {
		assertThatExceptionOfType(ForbiddenAddressException.class).isThrownBy(() -> this.guard.resolve("localhost"))
			.withMessageContaining("localhost");
		assertThatExceptionOfType(ForbiddenAddressException.class)
			.isThrownBy(() -> this.guard.resolve("169.254.169.254"));
	}

	@Test
	void matchesCidrBlocksOnPrefixBits() throws UnknownHostException {
		Cidr block = Cidr.parse("172.16.0.0/12");
		assertThat(block.contains(InetAddress.getByName("172.16.0.0"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
		assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
		assertThat(Cidr.parse("203.0.113.7").contains(InetAddress.getByName("203.0.113.7"))).isTrue();
		assertThat(Cidr.parse("203.0.113.7").contains(InetAddress.getByName("203.0.113.8"))).isFalse();
	}

	@Test
	void rejectsMalformedAllowedNetworksNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> OutboundAddressGuard.allowing(List.of("127.0.0.0/8", "example.com/8"), "beacon.x.allowed"))
			.withMessageContaining("beacon.x.allowed[1]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OutboundAddressGuard.allowing(List.of("10.0.0.0/33"), "beacon.x.allowed"))
			.withMessageContaining("beacon.x.allowed[0]");
	}

}
