package dev.kefu.wechat.push;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The push package stays plain Java: the emulator, benchmarks and any other caller can
 * use it without a Spring context, and it depends on no other kefu module. (Its
 * {@code package-info} carries the Modulith named-interface annotation, metadata only.)
 */
class PushDependencyTests {

	@Test
	void dependsOnNeitherSpringNorOtherModules() {
		noClasses().that()
			.doNotHaveSimpleName("package-info")
			.should()
			.dependOnClassesThat(resideInAPackage("org.springframework..")
				.or(resideInAPackage("dev.kefu..").and(resideOutsideOfPackage("dev.kefu.wechat.push.."))))
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.kefu.wechat.push"));
	}

}
