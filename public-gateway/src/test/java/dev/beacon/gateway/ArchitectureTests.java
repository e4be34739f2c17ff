package dev.beacon.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Services share no code: the gateway only routes. */
@AnalyzeClasses(packages = "dev.beacon.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule servicesShareNoCode = noClasses().that()
		.resideInAPackage("dev.beacon.gateway..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.statusapi..", "dev.beacon.incident..", "dev.beacon.notifier..",
				"dev.beacon.collector..");

}
