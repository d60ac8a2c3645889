package dev.nexttoken.cli;

import static dev.nexttoken.cli.KnownAnswerJson.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The html, csv and markdown documents of a greedy completion, parsed back and checked against the truth. */
@ExtendWith(LlamaServerExtension.class)
class OutputFormatsTest {
  private static final int STEPS = 4;

  private final KnownAnswerModel truth;
  private final String url;
  private final List<Integer> greedy;

  OutputFormatsTest(LlamaServer server, KnownAnswerModel truth) {
    this.truth = truth;
    this.url = server.baseUrl();
    this.greedy = KnownAnswerJson.greedyIds(truth, STEPS);
  }

  private Cli.Result run(String format, String... extra) {
    List<String> args = new ArrayList<>(List.of("--base-url", url, "complete", PROMPT, "--max-tokens", Integer.toString(STEPS),
        "--temperature", "0", "--format", format));
    args.addAll(List.of(extra));
    Cli.Result result = new Cli().run(args.toArray(String[]::new));
    assertEquals(0, result.code(), result::toString);
    return result;
  }

  @Test
  void htmlIsASelfContainedPageWithEveryToken(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.html");
    Cli.Result result = run("html", "--out", file.toString(), "--stream");

    assertTrue(result.out().contains(file.toAbsolutePath().toString()), result::toString);
    Document page = Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8));
    for (Element e : page.select("[src], [href]")) {
      String target = e.hasAttr("src") ? e.attr("src") : e.attr("href");
      assertFalse(target.matches("(?i)\\s*(https?:)?//.*"), "external reference: " + e);
    }
    assertTrue(page.select("script[src], link[rel=stylesheet], img, iframe").isEmpty(), "nothing fetched from elsewhere");
    List<Element> tokens = page.select("span.tok");
    assertEquals(STEPS, tokens.size());
    int previous = KnownAnswerJson.lastPromptId(truth);
    for (int i = 0; i < STEPS; i++) {
      int id = greedy.get(i);
      Element token = tokens.get(i);
      assertEquals(truth.tokenText(id), token.attr("data-token"));
      assertEquals(Math.exp(truth.logprob(previous, id)), Double.parseDouble(token.attr("data-prob")), KnownAnswerJson.TOLERANCE);
      assertEquals(5, token.select(".cand").size(), "the candidates are in the page");
      previous = id;
    }
    StringBuilder shown = new StringBuilder();
    tokens.forEach(t -> t.textNodes().forEach(n -> shown.append(n.getWholeText())));
    assertEquals(KnownAnswerJson.text(truth, greedy), shown.toString(), "the tokens' own texts make the text");
  }

  @Test
  void csvHasOneRowPerCandidateWithTheTrueValues() {
    List<List<String>> rows = SimpleCsv.parse(run("csv").out());

    List<String> header = rows.get(0);
    int position = header.indexOf("position");
    int token = header.indexOf("token");
    int prob = header.indexOf("prob");
    int candidateRank = header.indexOf("candidate_rank");
    int candidateId = header.indexOf("candidate_id");
    int candidateProb = header.indexOf("candidate_prob");
    assertEquals(STEPS * 5, rows.size() - 1, "one row per position and candidate");
    int previous = KnownAnswerJson.lastPromptId(truth);
    for (int i = 0; i < STEPS; i++) {
      int id = greedy.get(i);
      List<KnownAnswerModel.Candidate> top = truth.topK(previous, 5);
      for (int r = 0; r < 5; r++) {
        List<String> row = rows.get(1 + i * 5 + r);
        assertEquals(Integer.toString(i), row.get(position));
        assertEquals(truth.tokenText(id), row.get(token));
        assertEquals(Math.exp(truth.logprob(previous, id)), Double.parseDouble(row.get(prob)), KnownAnswerJson.TOLERANCE);
        assertEquals(Integer.toString(r + 1), row.get(candidateRank));
        assertEquals(Integer.toString(top.get(r).id()), row.get(candidateId));
        assertEquals(top.get(r).probability(), Double.parseDouble(row.get(candidateProb)), KnownAnswerJson.TOLERANCE);
      }
      previous = id;
    }
  }

  @Test
  void markdownHasARowPerTokenWithItsProbability() {
    List<String> lines = run("markdown").out().lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();

    assertEquals(STEPS, lines.size(), () -> String.join("\n", lines));
    int previous = KnownAnswerJson.lastPromptId(truth);
    for (int i = 0; i < STEPS; i++) {
      int id = greedy.get(i);
      String[] cells = lines.get(i).split("\\|");
      assertEquals(Integer.toString(i), cells[1].strip());
      assertEquals(truth.tokenText(id).replace(' ', '␣'), cells[2].strip());
      assertEquals(String.format(Locale.ROOT, "%.4f", Math.exp(truth.logprob(previous, id))), cells[3].strip());
      previous = id;
    }
  }

  /** RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks. */
  static final class SimpleCsv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
        } else {
          field.append(c);
        }
      }
      if (field.length() > 0 || !row.isEmpty()) {
        row.add(field.toString());
        rows.add(row);
      }
      return rows;
    }
  }
}
