package io.batchsend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the arrows of the data flow: cli → config → input → template → engine → log → report. */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.batchsend");
  }

  @Test
  void engineNeverImportsTheLogOrLaterStages() {
    noClasses()
        .that()
        .resideInAPackage("io.batchsend.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.batchsend.log..",
            "io.batchsend.report..",
            "io.batchsend.app..",
            "io.batchsend.cli..")
        .check(classes);
  }

  @Test
  void onlyEngineHttpImportsOkHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.batchsend.engine.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("okhttp3..", "okio..")
        .check(classes);
  }

  /** The text encodings sit below every stage: any stage may use them, they use none. */
  @Test
  void textEncodingsDependOnNoStage() {
    noClasses()
        .that()
        .resideInAPackage("io.batchsend.text..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.batchsend.cli..",
            "io.batchsend.app..",
            "io.batchsend.config..",
            "io.batchsend.input..",
            "io.batchsend.template..",
            "io.batchsend.engine..",
            "io.batchsend.log..",
            "io.batchsend.report..",
            "io.batchsend.progress..",
            "io.batchsend.demo..")
        .check(classes);
  }

  /** OkHttp's internal API may change in any release: one class to re-check on an upgrade. */
  @Test
  void onlyPolledCleanupBackendUsesOkHttpInternals() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.batchsend.engine.http.PolledCleanupBackend")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("okhttp3.internal..")
        .check(classes);
  }

  /** Conscrypt may be absent or fail to load: one class loads it and turns that into a reason. */
  @Test
  void onlyConscryptLoaderUsesConscrypt() {
    noClasses()
        .that()
        .haveNameNotMatching("io\\.batchsend\\.engine\\.http\\.ConscryptLoader(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.conscrypt..")
        .check(classes);
  }

  @Test
  void onlyTheCliImportsPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.batchsend.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(classes);
  }

  @Test
  void earlyStagesDoNotDependOnLaterOnes() {
    noClasses()
        .that()
        .resideInAPackage("io.batchsend.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.batchsend.input..",
            "io.batchsend.template..",
            "io.batchsend.engine..",
            "io.batchsend.log..",
            "io.batchsend.report..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.batchsend.input..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.batchsend.template..",
            "io.batchsend.engine..",
            "io.batchsend.log..",
            "io.batchsend.report..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.batchsend.template..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.batchsend.engine..", "io.batchsend.log..", "io.batchsend.report..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.batchsend.log..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.batchsend.report..", "io.batchsend.app..", "io.batchsend.cli..")
        .check(classes);
  }

  @Test
  void noStageImportsTheWiringOrTheCommandLine() {
    // Exit codes live in config so that report can name them without an arrow back up to app.
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.batchsend.config..",
            "io.batchsend.input..",
            "io.batchsend.template..",
            "io.batchsend.engine..",
            "io.batchsend.log..",
            "io.batchsend.report..",
            "io.batchsend.progress..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.batchsend.app..", "io.batchsend.cli..")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.batchsend.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyMainTouchesTheProcessStreams() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.batchsend.Main")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(classes);
  }

  /** The two entry points: Main, and the class-data archive's training run the launcher starts. */
  @Test
  void onlyTheEntryPointsExit() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.batchsend.Main")
        .and()
        .doNotHaveFullyQualifiedName("io.batchsend.ArchiveTraining")
        .should()
        .callMethod(System.class, "exit", int.class)
        .check(classes);
  }
}
