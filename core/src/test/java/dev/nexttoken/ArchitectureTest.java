package dev.nexttoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nexttoken.contract.FakeProviderModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of core, read from the compiled classes with the JDK's own {@code jdeps} (no
 * library, and it sees every reference javac emitted, not just imports).
 *
 * <p>The layers, lowest first: {@code error}; {@code logprob} (tables and sampling, no model);
 * the public API {@code dev.nexttoken}; {@code internal} (core's plumbing); {@code spi} (what a
 * provider author uses); {@code analysis} (runs models). Each may use only layers below it, which
 * also rules out cycles.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.nexttoken";
  private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.nexttoken[\\w.]*)\\s+->\\s+(dev\\.nexttoken[\\w.]*)\\s", Pattern.MULTILINE);

  /** What each core package may use besides itself. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      ROOT + ".error", Set.of(),
      ROOT + ".logprob", Set.of(ROOT + ".error"),
      ROOT, Set.of(ROOT + ".error", ROOT + ".logprob"),
      ROOT + ".internal", Set.of(ROOT, ROOT + ".error", ROOT + ".logprob"),
      ROOT + ".spi", Set.of(ROOT, ROOT + ".error", ROOT + ".logprob", ROOT + ".internal"),
      ROOT + ".analysis", Set.of(ROOT, ROOT + ".error", ROOT + ".logprob", ROOT + ".internal"));

  private static Path mainClasses;
  private static Path testClasses;

  @BeforeAll
  static void locateClasses() throws URISyntaxException {
    mainClasses = Path.of(LanguageModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    testClasses = Path.of(ArchitectureTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() {
    Map<String, Set<String>> edges = packageEdges(jdeps("-verbose:package", "-e", "dev\\.nexttoken.*", mainClasses.toString()));
    assertTrue(edges.keySet().containsAll(Set.of(ROOT, ROOT + ".spi", ROOT + ".internal")), "jdeps output not understood: " + edges);
    List<String> violations = new ArrayList<>();
    edges.forEach((from, targets) -> {
      Set<String> allowed = ALLOWED.get(from);
      if (allowed == null) {
        violations.add(from + " is a new package: give it a place in ArchitectureTest.ALLOWED");
        return;
      }
      for (String to : targets) {
        if (!to.equals(from) && !allowed.contains(to)) {
          violations.add(from + " -> " + to);
        }
      }
    });
    assertEquals(List.of(), violations, "package dependencies that break the layering");
  }

  @Test
  void spiStaysSmall() throws IOException, ClassNotFoundException {
    List<String> publicTypes = new ArrayList<>();
    try (Stream<Path> files = Files.list(mainClasses.resolve("dev/nexttoken/spi"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.contains("$") || name.equals("package-info.class")) {
          continue;
        }
        Class<?> type = Class.forName(ROOT + ".spi." + name.substring(0, name.length() - ".class".length()));
        if (Modifier.isPublic(type.getModifiers())) {
          publicTypes.add(type.getSimpleName());
        }
      }
    }
    assertTrue(publicTypes.size() <= 15, "spi has " + publicTypes.size() + " public types, at most 15 allowed: " + new TreeSet<>(publicTypes));
  }

  @Test
  void theFakeProviderNeedsOnlyThePublicApiAndSpi() {
    // The fourth provider proves the seam: if it needed internal, so would every real one.
    String fake = FakeProviderModel.class.getPackageName();
    String out = jdeps("-verbose:class", "-e", "dev\\.nexttoken.*", "--class-path", mainClasses.toString(), testClasses.toString());
    List<String> uses = new ArrayList<>();
    Matcher m = Pattern.compile("^\\s+(" + Pattern.quote(fake) + "\\.FakeProvider\\w*)\\S*\\s+->\\s+(dev\\.nexttoken\\.internal\\.\\S+)", Pattern.MULTILINE)
        .matcher(out);
    while (m.find()) {
      uses.add(m.group(1) + " -> " + m.group(2));
    }
    assertTrue(out.contains(fake + ".FakeProviderModel"), "jdeps did not list the fake provider");
    assertEquals(List.of(), uses, "the fake provider reaches into core's internal package");
  }

  @Test
  void providersNeverNeedInternal() throws IOException {
    // Core's test-jar is all a provider module sees of core besides the main jar: its contract
    // suites must not hand internal types to providers either.
    Path sources = Path.of("src/test/java/dev/nexttoken/contract");
    if (!Files.isDirectory(sources)) {
      fail("run from the core module: " + sources.toAbsolutePath() + " is missing");
    }
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.readString(file).contains("import dev.nexttoken.internal.")) {
          offenders.add(file.getFileName().toString());
        }
      }
    }
    assertEquals(List.of(), offenders, "contract-suite files that import dev.nexttoken.internal");
  }

  private static Map<String, Set<String>> packageEdges(String jdepsOutput) {
    Map<String, Set<String>> edges = new TreeMap<>();
    Matcher m = EDGE.matcher(jdepsOutput);
    while (m.find()) {
      edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
    }
    return edges;
  }

  private static String jdeps(String... args) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps tool"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(0, code, () -> "jdeps failed: " + err);
    return out.toString();
  }
}
