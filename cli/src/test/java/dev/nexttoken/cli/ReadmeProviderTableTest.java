package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.Operation;
import dev.nexttoken.cli.GlobalOptions.ProviderName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's provider table is generated from the providers' capabilities ({@link ProviderTable}), never
 * written by hand: this test fails when the two differ, and rewrites README when run with
 * {@code -Dnexttoken.updateReadme=true}.
 */
class ReadmeProviderTableTest {
  static final String START = "<!-- providers:start -->";
  static final String END = "<!-- providers:end -->";
  static final String REGENERATE = "mvn -B -o -q test -pl cli -am -Dtest=ReadmeProviderTableTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -Dnexttoken.updateReadme=true";

  private final ProviderTable table = ProviderTable.ofCli();

  static final String FEATURES_START = "<!-- features:start -->";
  static final String FEATURES_END = "<!-- features:end -->";

  @Test
  void readmesTableIsWhatTheCapabilitiesSay() throws IOException {
    section(START, END, table.markdown());
  }

  @Test
  void readmesFeatureTableIsWhatTheCapabilitiesSay() throws IOException {
    section(FEATURES_START, FEATURES_END, table.featuresMarkdown());
  }

  private void section(String startMarker, String endMarker, String generated) throws IOException {
    Path readme = readme();
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf(startMarker);
    int end = text.indexOf(endMarker);
    assertTrue(start >= 0 && end > start, "README.md has no " + startMarker + " ... " + endMarker + " markers");
    String found = text.substring(start + startMarker.length(), end);
    String wanted = "\n" + generated;
    if (found.equals(wanted)) {
      return;
    }
    if (Boolean.getBoolean("nexttoken.updateReadme")) {
      Files.writeString(readme, text.substring(0, start + startMarker.length()) + wanted + text.substring(end), StandardCharsets.UTF_8);
      return;
    }
    fail("README.md's provider table is not what the providers' capabilities say. Regenerate it with\n  " + REGENERATE
        + "\n(or put the output of ./nexttoken providers --format markdown between the markers).\n--- generated\n" + wanted
        + "--- in README.md\n" + found);
  }

  @Test
  void everyProviderOfTheCliHasARowPerOperation() {
    List<String> expected = Arrays.stream(ProviderName.values())
        .flatMap(p -> Arrays.stream(Operation.values()).map(o -> p + " " + o.label())).toList();
    assertEquals(expected, table.rows().stream().map(r -> r.provider() + " " + r.operation().label()).toList());
  }

  @Test
  void theCellsSayWhatTheCapabilitiesSay() {
    Map<String, List<String>> rows = table.rows().stream()
        .collect(Collectors.toMap(r -> r.provider() + " " + r.operation().label(), ProviderTable.Row::cells));
    Function<String, Map<String, String>> row = key -> {
      List<String> cells = rows.get(key);
      return java.util.stream.IntStream.range(0, cells.size()).boxed()
          .collect(Collectors.toMap(i -> ProviderTable.HEADER[i], cells::get));
    };

    Map<String, String> openAiChat = row.apply("openai chat");
    assertEquals(ModelFactory.OPENAI_CHAT_MODEL, openAiChat.get("model"));
    assertEquals("up to 20", openAiChat.get("alternatives (k)"));
    assertEquals("yes", openAiChat.get("bytes"));
    assertEquals("no", openAiChat.get("token ids"));
    assertEquals("no", openAiChat.get("scoring"), "a chat model cannot score");
    Map<String, String> openAiCompletion = row.apply("openai completion");
    assertEquals(ModelFactory.OPENAI_COMPLETION_MODEL, openAiCompletion.get("model"));
    assertEquals("up to 5", openAiCompletion.get("alternatives (k)"));
    assertEquals("yes, k up to 5", openAiCompletion.get("scoring"));
    assertEquals("unsupported", row.apply("cohere completion").get("logprobs"));
    assertEquals("none (chosen token only)", row.apply("cohere chat").get("alternatives (k)"));
    assertEquals("yes", row.apply("cohere chat").get("token ids"));
    assertEquals("no cap", row.apply("llamacpp completion").get("alternatives (k)"));
    assertEquals("yes, with logprobs", row.apply("llamacpp chat").get("streaming"));
  }

  @Test
  void theProvidersCommandPrintsTheSameTableInEachFormat() {
    Cli cli = new Cli();
    Cli.Result markdown = cli.run("providers", "--format", "markdown");
    assertEquals(0, markdown.code(), markdown::toString);
    assertEquals(table.markdown() + "\n" + table.featuresMarkdown(), markdown.out());

    Cli.Result json = cli.run("providers", "--format", "json");
    assertEquals(0, json.code(), json::toString);
    JsonNode rows = json.json();
    assertEquals(table.rows().size(), rows.size());
    JsonNode llamaChat = rows.get(table.rows().indexOf(table.rows().stream()
        .filter(r -> r.provider().equals("llamacpp") && r.operation() == Operation.CHAT).findFirst().orElseThrow()));
    assertTrue(llamaChat.get("maxTopLogprobs").isNull(), "no cap: null");
    assertTrue(llamaChat.get("tokenIds").asBoolean() && llamaChat.get("tokenBytes").asBoolean(), llamaChat::toString);

    Cli.Result text = cli.run("providers");
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().startsWith("provider "), text::toString);
    // Two tables of a header and a line per row, a blank line between them.
    assertEquals(2 * (table.rows().size() + 1) + 1, text.out().lines().count());

    Cli.Result html = cli.run("providers", "--format", "html");
    assertEquals(ErrorReporter.USAGE, html.code(), html::toString);
  }

  /** README.md of the repository: the first one upwards from the working directory that has the markers. */
  private static Path readme() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("README.md");
      if (Files.isRegularFile(candidate) && Files.readString(candidate, StandardCharsets.UTF_8).contains(START)) {
        return candidate;
      }
    }
    throw new AssertionError("no README.md with " + START + " above " + Path.of("").toAbsolutePath());
  }
}
