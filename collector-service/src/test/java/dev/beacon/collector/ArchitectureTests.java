package dev.beacon.collector;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout of STYLE.md, checked: features own their adapters, and services share no
 * code.
 */
@AnalyzeClasses(packages = "dev.beacon.collector", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule domainDoesNotDependOnAdapters = noClasses().that()
		.resideInAPackage("dev.beacon.collector.*")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.collector..web..", "dev.beacon.collector..messaging..",
				"dev.beacon.collector..persistence..");

	@ArchTest
	static final ArchRule servicesShareNoCode = noClasses().that()
		.resideInAPackage("dev.beacon.collector..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.statusapi..", "dev.beacon.incident..", "dev.beacon.notifier..",
				"dev.beacon.gateway..");

}
