package dev.nexttoken.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The seam's rule for a provider module, checked on its compiled classes with the JDK's
 * {@code jdeps}: it uses core's public API and {@code spi}, never {@code dev.nexttoken.internal},
 * and never another provider. Each provider calls {@link #assertProviderRespectsTheSeam} from a
 * test of its own.
 */
public final class SeamRules {
  private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.nexttoken[\\w.]*)\\s+->\\s+(dev\\.nexttoken[\\w.]*)\\s", Pattern.MULTILINE);
  /** What a provider may use of the SDK besides its own packages. */
  private static final Set<String> CORE = Set.of("dev.nexttoken", "dev.nexttoken.error", "dev.nexttoken.logprob", "dev.nexttoken.spi");

  private SeamRules() {}

  /**
   * @param anyMainClass a class of the provider's main code, to find its classes
   * @param sharedWirePackages packages of shared wire modules the provider may use as well
   */
  public static void assertProviderRespectsTheSeam(Class<?> anyMainClass, String... sharedWirePackages) {
    Path classes;
    try {
      classes = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
    String own = anyMainClass.getPackageName();
    Set<String> allowed = new TreeSet<>(CORE);
    allowed.addAll(List.of(sharedWirePackages));
    Set<String> violations = new TreeSet<>();
    Matcher m = EDGE.matcher(jdeps("-verbose:package", "-e", "dev\\.nexttoken.*", classes.toString()));
    int edges = 0;
    while (m.find()) {
      edges++;
      String to = m.group(2);
      boolean ownPackage = to.equals(own) || to.startsWith(own + ".");
      boolean sharedWire = allowed.stream().anyMatch(p -> to.equals(p) || to.startsWith(p + ".") && !CORE.contains(p));
      if (!ownPackage && !sharedWire && !allowed.contains(to)) {
        violations.add(m.group(1) + " -> " + to);
      }
    }
    assertTrue(edges > 0, "jdeps found no dependency on the SDK in " + classes);
    assertEquals(Set.of(), violations, own + " must use only the public API, spi and its shared wire module");
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
