package dev.beacon.security;

import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Secrets have no working defaults: a service whose configuration asks for a secret that
 * is not set stops before it creates anything, with a message naming the environment
 * variable (the configuration files write {@code ${BEACON_DB_PASSWORD}} with no
 * fallback). Checked once every property source is in place, so tests and the local run
 * can pass their own.
 */
final class RequiredSecrets implements BeanFactoryPostProcessor {

	/** The secrets a service needs when its configuration names them. */
	static final List<String> PROPERTIES = List.of("spring.r2dbc.password", "spring.flyway.password");

	private final Environment environment;

	RequiredSecrets(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String property : PROPERTIES) {
			if (!this.environment.containsProperty(property)) {
				continue;
			}
			String value;
			try {
				value = this.environment.getProperty(property);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(
						"A secret is not set: " + ex.getMessage() + " (needed for " + property + ")", ex);
			}
			if (!StringUtils.hasText(value)) {
				throw new IllegalStateException(
						"A secret is empty: " + property + " (set BEACON_DB_PASSWORD, or the property itself)");
			}
		}
	}

}
