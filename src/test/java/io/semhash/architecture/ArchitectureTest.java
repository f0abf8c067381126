package io.semhash.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/ARCHITECTURE.md, read from the document itself, checked against the
 * compiled main classes: every package is in the map and has a package-info.java, no package uses
 * a project package its row does not list, there is no cycle, and only the rows marked ND4J touch
 * DL4J, ND4J or their natives.
 */
class ArchitectureTest {
  private static final String ROOT = "io.semhash";
  private static final Path DOC = Path.of("docs/ARCHITECTURE.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\| (.*) \\| (.*) \\|$");
  private static final Pattern NAME = Pattern.compile("`([a-z]+)`");
  private static final String[] NATIVE_STACK = {"org.deeplearning4j..", "org.nd4j..", "org.bytedeco.."};

  private static JavaClasses classes;
  private static Map<String, Set<String>> allowed;
  private static Set<String> nd4jPackages;

  @BeforeAll
  static void read() throws IOException {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    allowed = new LinkedHashMap<>();
    nd4jPackages = new TreeSet<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher row = ROW.matcher(line.strip());
      if (!row.matches()) {
        continue;
      }
      Set<String> uses = new TreeSet<>();
      Matcher name = NAME.matcher(row.group(3));
      while (name.find()) {
        uses.add(name.group(1));
      }
      allowed.put(row.group(1), uses);
      if (row.group(2).contains("**ND4J**")) {
        nd4jPackages.add(row.group(1));
      }
    }
  }

  /** The first package segment under io.semhash of a class. */
  private static String topPackage(JavaClass c) {
    String rest = c.getPackageName().substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static Set<String> codePackages() {
    return classes.stream().filter(c -> c.getPackageName().startsWith(ROOT + "."))
        .map(ArchitectureTest::topPackage).collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theMapListsEveryPackageAndNoOther() {
    assertThat(allowed).as("rows of the package map in " + DOC).isNotEmpty();
    assertThat(allowed.keySet()).as("packages in " + DOC).containsExactlyInAnyOrderElementsOf(codePackages());
    for (Map.Entry<String, Set<String>> row : allowed.entrySet()) {
      assertThat(allowed.keySet()).as("packages named in the row of " + row.getKey()).containsAll(row.getValue());
    }
  }

  @Test
  void everyPackageHasItsPackageInfo() {
    List<String> missing = new ArrayList<>();
    for (String p : codePackages()) {
      if (!Files.exists(Path.of("src/main/java/io/semhash", p, "package-info.java"))) {
        missing.add(p);
      }
    }
    assertThat(missing).as("packages without package-info.java").isEmpty();
  }

  /** Each row lists only packages above it, so the map itself is acyclic and reads top-down. */
  @Test
  void theMapPointsOneWay() {
    List<String> order = new ArrayList<>(allowed.keySet());
    for (Map.Entry<String, Set<String>> row : allowed.entrySet()) {
      for (String used : row.getValue()) {
        assertThat(order.indexOf(used)).as(row.getKey() + " uses " + used + ", which must be listed above it")
            .isLessThan(order.indexOf(row.getKey()));
      }
    }
  }

  @Test
  void noPackageUsesWhatItsRowDoesNotList() {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> row : allowed.entrySet()) {
      String[] forbidden = allowed.keySet().stream()
          .filter(p -> !p.equals(row.getKey()) && !row.getValue().contains(p))
          .map(p -> ROOT + "." + p + "..")
          .toArray(String[]::new);
      if (forbidden.length == 0) {
        continue;
      }
      ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + row.getKey() + "..")
          .should().dependOnClassesThat().resideInAnyPackage(forbidden)
          .because("docs/ARCHITECTURE.md lets " + row.getKey() + " use only " + row.getValue())
          .allowEmptyShould(true);
      EvaluationResult result = rule.evaluate(classes);
      if (result.hasViolation()) {
        violations.addAll(result.getFailureReport().getDetails());
      }
    }
    assertThat(violations).as("dependencies the package map does not allow").isEmpty();
  }

  @Test
  void noCycleBetweenPackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheNd4jRowsTouchDl4jOrNd4j() {
    assertThat(nd4jPackages).as("rows marked ND4J").contains("training").doesNotContain("model", "index", "codes", "search", "server");
    String[] others = allowed.keySet().stream().filter(p -> !nd4jPackages.contains(p))
        .map(p -> ROOT + "." + p + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(others)
        .should().dependOnClassesThat().resideInAnyPackage(NATIVE_STACK)
        .because("serving, building and indexing must run without DL4J, ND4J and their natives")
        .check(classes);
  }
}
