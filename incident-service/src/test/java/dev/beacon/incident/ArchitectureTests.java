package dev.beacon.incident;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The structure STYLE.md asks for: feature domains free of adapters, no other service's
 * code.
 */
@AnalyzeClasses(packages = "dev.beacon.incident", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	static final String ROOT = "dev.beacon.incident";

	static final String[] ADAPTERS = { "web", "messaging", "persistence" };

	@ArchTest
	static final ArchRule featureDomainsDoNotDependOnAdapters = noClasses().that(featureDomain())
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ROOT + "..web..", ROOT + "..messaging..", ROOT + "..persistence..")
		.because("a feature's domain is used by its adapters, never the other way round");

	@ArchTest
	static final ArchRule noOtherServiceCode = noClasses().that()
		.resideInAPackage(ROOT + "..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.statusapi..", "dev.beacon.notifier..", "dev.beacon.collector..",
				"dev.beacon.gateway..")
		.because("services share events on Kafka, not code");

	/**
	 * Classes directly in {@code dev.beacon.incident.<feature>}, the feature's domain
	 * package.
	 */
	static DescribedPredicate<JavaClass> featureDomain() {
		return DescribedPredicate.describe("are in a feature's domain package", (javaClass) -> {
			String name = javaClass.getPackageName();
			if (!name.startsWith(ROOT + ".")) {
				return false;
			}
			String feature = name.substring(ROOT.length() + 1);
			return !feature.contains(".") && !List.of(ADAPTERS).contains(feature);
		});
	}

}
