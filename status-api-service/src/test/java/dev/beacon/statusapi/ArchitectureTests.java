package dev.beacon.statusapi;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout of STYLE.md, checked: features own their adapters, and services share no
 * code.
 */
@AnalyzeClasses(packages = "dev.beacon.statusapi", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule domainDoesNotDependOnAdapters = noClasses().that()
		.resideInAPackage("dev.beacon.statusapi.*")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.statusapi..web..", "dev.beacon.statusapi..messaging..",
				"dev.beacon.statusapi..persistence..");

	@ArchTest
	static final ArchRule servicesShareNoCode = noClasses().that()
		.resideInAPackage("dev.beacon.statusapi..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.incident..", "dev.beacon.notifier..", "dev.beacon.collector..",
				"dev.beacon.gateway..");

}
