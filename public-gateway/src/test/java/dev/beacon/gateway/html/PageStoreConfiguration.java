package dev.beacon.gateway.html;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The page tests' page store: one per test context, fed by each test. */
@TestConfiguration(proxyBeanMethods = false)
class PageStoreConfiguration {

	@Bean
	InMemoryPublishedPages publishedPages() {
		return new InMemoryPublishedPages();
	}

}
