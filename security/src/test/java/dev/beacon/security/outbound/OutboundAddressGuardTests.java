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

	/**
	 * Every special-purpose range the issue named, and the rest of the IANA registries: a
	 * literal inside each, at its edges where an edge could be mistaken.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "64:ff9b::808:808", "64:ff9b:1::a9fe:a9fe",
			"64:ff9b:1:ffff::1", "::a9fe:a9fe", "::10.0.0.1", "::8.8.8.8", "::ffff:0:a9fe:a9fe", "::ffff:0:808:808",
			"2002:a9fe:a9fe::1", "2002:808:808::1", "2001:0:a9fe:a9fe::1", "2001:db8::1", "2001:10::1", "2001:20::1",
			"2001:2::1", "3fff::1", "5f00::1", "100::1", "198.18.0.1", "198.19.255.255", "192.0.0.1", "192.0.0.170",
			"192.0.2.1", "198.51.100.1", "203.0.113.1", "192.88.99.1", "240.0.0.1", "255.255.255.254",
			"255.255.255.255", "fec0::1" })
	void refusesSpecialPurposeAndTranslatingRanges(String address) throws UnknownHostException {
		assertThat(this.guard.refusal(InetAddress.getByName(address))).isNotNull().contains("may not be called");
	}

	@ParameterizedTest
	@ValueSource(strings = { "64:ff9b::a9fe:a9fe", "::ffff:169.254.169.254", "::169.254.169.254", "2002:a9fe:a9fe::",
			"198.18.0.1", "240.1.2.3", "255.255.255.255", "192.0.0.8", "10.1.2.3" })
	void refusesANameThatResolvesToARefusedAddress(String address) {
		OutboundAddressGuard guard = new OutboundAddressGuard(List.of(), (host) -> {
			assertThat(host).isEqualTo("internal.test");
			return List.of(InetAddress.getByName(address));
		});
		assertThatExceptionOfType(ForbiddenAddressException.class).isThrownBy(() -> guard.resolve("internal.test"))
			.withMessageContaining("internal.test");
	}

	@Test
	void refusesANameWhenAnyOfItsAddressesIsRefused() throws UnknownHostException {
		InetAddress ordinary = InetAddress.getByName("93.184.216.34");
		InetAddress nat64 = InetAddress.getByName("64:ff9b::a9fe:a9fe");
		OutboundAddressGuard guard = new OutboundAddressGuard(List.of(), (host) -> List.of(ordinary, nat64));
		assertThatExceptionOfType(ForbiddenAddressException.class).isThrownBy(() -> guard.resolve("mixed.test"));
		OutboundAddressGuard publicOnly = new OutboundAddressGuard(List.of(), (host) -> List.of(ordinary));
		assertThat(publicOnly.resolve("public.test")).containsExactly(ordinary);
	}

	@Test
	void treatsANameWithoutAddressesAsUnknown() {
		OutboundAddressGuard guard = new OutboundAddressGuard(List.of(), (host) -> List.of());
		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> guard.resolve("nothing.test"))
			.isNotInstanceOf(ForbiddenAddressException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1",
			"100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "198.17.255.255", "198.20.0.1", "192.0.1.1",
			"223.255.255.255", "2003::1", "2001:200::1", "64:ff9c::1" })
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
