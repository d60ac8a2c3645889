package dev.nexttoken.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * {@code nexttoken demo} as a new user runs it: no key, no URL; it starts the bundled server itself and
 * prints the known-answer model's walk, each step's top 5 with their probabilities.
 */
@DisabledIfSystemProperty(named = LlamaServerExtension.SKIP_PROPERTY, matches = "true")
class DemoCommandTest {
  /** A candidate line of a step's table: marker, rank, token (spaces shown as ␣), probability. */
  private static final Pattern CANDIDATE = Pattern.compile("^\\s*(▶)?\\s+(\\d)\\s+(\\S+)\\s+(\\d\\.\\d{4})$");

  @Test
  void printsTheKnownWalkStepByStep() {
    KnownAnswerModel truth = KnownAnswerModel.defaultModel();

    Cli.Result result = new Cli().run("demo");

    assertEquals(0, result.code(), result::toString);
    List<String> lines = result.out().lines().toList();
    List<KnownAnswerModel.Candidate> walk = truth.greedyWalk(KnownAnswerJson.PROMPT, 5);
    int previous = KnownAnswerJson.lastPromptId(truth);
    StringBuilder text = new StringBuilder(KnownAnswerJson.PROMPT);
    for (int step = 0; step < 5; step++) {
      int start = indexOf(lines, "step " + (step + 1) + " ", result);
      List<KnownAnswerModel.Candidate> top = truth.topK(previous, 5);
      for (int rank = 1; rank <= 5; rank++) {
        String line = lines.get(start + 1 + rank);
        Matcher m = CANDIDATE.matcher(line);
        assertTrue(m.matches(), () -> "a candidate line: '" + line + "'\n" + result);
        KnownAnswerModel.Candidate expected = top.get(rank - 1);
        assertEquals(Integer.toString(rank), m.group(2));
        assertEquals(expected.token().replace(' ', '␣'), m.group(3), "step " + (step + 1) + " rank " + rank);
        assertEquals(String.format(Locale.ROOT, "%.4f", expected.probability()), m.group(4), "step " + (step + 1) + " rank " + rank);
        assertEquals(expected.id() == walk.get(step).id(), m.group(1) != null, "the chosen token is marked: " + line);
      }
      text.append(walk.get(step).token());
      previous = walk.get(step).id();
    }
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("Text: " + text), last);
  }

  private static int indexOf(List<String> lines, String prefix, Cli.Result result) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "'\n" + result);
  }
}
