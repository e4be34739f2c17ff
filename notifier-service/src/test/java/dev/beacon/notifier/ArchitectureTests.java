package dev.beacon.notifier;

import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "dev.beacon.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	static final List<String> FEATURES = List.of("subscriber", "delivery", "catalog");

	@ArchTest
	static final ArchRule domainDoesNotDependOnItsAdapters = CompositeArchRule
		.of(FEATURES.stream()
			.map((feature) -> (ArchRule) noClasses().that()
				.resideInAPackage("dev.beacon.notifier." + feature)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage("dev.beacon.notifier." + feature + ".web..",
						"dev.beacon.notifier." + feature + ".messaging..",
						"dev.beacon.notifier." + feature + ".persistence..")
				.as("the " + feature + " domain does not depend on its web, messaging or persistence adapters"))
			.toList())
		.as("feature domains do not depend on their adapters");

	@ArchTest
	static final ArchRule channelsAreReachedOnlyThroughTheInterface = noClasses().that()
		.resideInAnyPackage("dev.beacon.notifier.subscriber..", "dev.beacon.notifier.delivery..",
				"dev.beacon.notifier.catalog..", "dev.beacon.notifier.channel..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.notifier.webhook..", "dev.beacon.notifier.email..");

	@ArchTest
	static final ArchRule channelsDoNotKnowFeatures = noClasses().that()
		.resideInAnyPackage("dev.beacon.notifier.channel..", "dev.beacon.notifier.webhook..",
				"dev.beacon.notifier.email..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.notifier.subscriber..", "dev.beacon.notifier.delivery..",
				"dev.beacon.notifier.catalog..");

	@ArchTest
	static final ArchRule channelsDoNotKnowEachOther = noClasses().that()
		.resideInAPackage("dev.beacon.notifier.webhook..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.beacon.notifier.email..");

	@ArchTest
	static final ArchRule doesNotDependOnOtherServices = noClasses().that()
		.resideInAPackage("dev.beacon.notifier..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.beacon.statusapi..", "dev.beacon.incident..", "dev.beacon.collector..",
				"dev.beacon.gateway..");

}
