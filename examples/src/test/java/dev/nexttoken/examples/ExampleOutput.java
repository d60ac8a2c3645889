package dev.nexttoken.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nexttoken.Environment;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs an example into a string, and what the known-answer model says the output must contain. */
final class ExampleOutput {
  private ExampleOutput() {}

  /** What {@code example} printed. */
  static String of(Consumer<PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
      example.accept(out);
    }
    return bytes.toString(UTF_8);
  }

  /**
   * An environment naming only the shared server (never the real one: a developer's own
   * OPENAI_API_KEY must not send the tests to a hosted provider), plus {@code more} properties.
   */
  static Environment localEnvironment(LlamaServer server, String... more) {
    Map<String, String> properties = new HashMap<>();
    properties.put("nexttoken.llama.url", server.baseUrl());
    for (int i = 0; i < more.length; i += 2) {
      properties.put(more[i], more[i + 1]);
    }
    return Environment.of(properties, Map.of());
  }

  /** The text of the known-answer model's first {@code steps} greedy tokens after {@code prompt}. */
  static String greedyText(KnownAnswerModel model, String prompt, int steps) {
    StringBuilder text = new StringBuilder();
    model.greedyWalk(prompt, steps).forEach(c -> text.append(c.token()));
    return text.toString();
  }

  /** The first {@code steps} greedy tokens. */
  static List<KnownAnswerModel.Candidate> greedy(KnownAnswerModel model, int steps) {
    return model.greedyWalk(Quickstart.PROMPT, steps);
  }

  /** Group 1 of the first match of {@code regex} (multi-line) in {@code output}; fails with the output when none. */
  static String find(String output, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
    if (!m.find()) {
      fail("no match for /" + regex + "/ in:\n" + output);
    }
    return m.group(1);
  }
}
