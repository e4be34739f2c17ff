package dev.beacon.collector;

import dev.beacon.security.outbound.OutboundAddressGuard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class CollectorConfiguration {

	@Bean
	OutboundAddressGuard outboundAddressGuard(CollectorProperties properties) {
		return OutboundAddressGuard.allowing(properties.allowedNetworks(), "beacon.collector.allowed-networks");
	}

	/**
	 * The collector serves no API, only health and metrics, which the platform must
	 * reach.
	 */
	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.authorizeExchange((exchange) -> exchange.anyExchange().permitAll())
			.build();
	}

}
