package dev.beacon.gateway.html;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The page tests' page store: one per test context, fed by each test, in place of the one
 * the gateway fills from {@code beacon.pages.v1}.
 */
@TestConfiguration(proxyBeanMethods = false)
class PageStoreConfiguration {

	@Bean
	@Primary
	InMemoryPublishedPages publishedPages() {
		return new InMemoryPublishedPages();
	}

}
