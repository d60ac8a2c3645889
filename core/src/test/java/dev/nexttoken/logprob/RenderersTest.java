package dev.nexttoken.logprob;

import dev.nexttoken.analysis.NextTokenWalk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/** Each format is parsed back and its values compared with the table's. */
class RenderersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProbabilityTable table = Fixtures.table();

  @Test
  void csvHasOneRecordPerCandidateWithExactValues() {
    String csv = table.render(TableFormat.CSV);
    List<List<String>> records = Csv.parse(csv);
    List<String> header = records.get(0);
    assertEquals("position", header.get(0));
    int expected = table.rows().stream().mapToInt(r -> Math.max(1, r.candidates().size())).sum();
    assertEquals(expected, records.size() - 1);

    int at = 1;
    for (TableRow row : table.rows()) {
      int n = Math.max(1, row.candidates().size());
      for (int i = 0; i < n; i++) {
        List<String> r = records.get(at++);
        assertEquals(header.size(), r.size());
        assertEquals(String.valueOf(row.position()), field(header, r, "position"));
        assertEquals(row.token(), field(header, r, "token"), "raw token, quoted as needed");
        assertEquals(row.rank() == null ? "" : row.rank().toString(), field(header, r, "rank"));
        assertEquals(row.unseenMass() == null ? "" : row.unseenMass().toString(), field(header, r, "unseen_mass"));
        if (row.candidates().isEmpty()) {
          assertEquals("", field(header, r, "candidate_token"));
        } else {
          TokenCandidate c = row.candidates().get(i);
          assertEquals(c.token(), field(header, r, "candidate_token"));
          assertEquals(c.probability(), Double.parseDouble(field(header, r, "candidate_prob")));
          assertEquals(String.valueOf(i + 1), field(header, r, "candidate_rank"));
          assertEquals(c.logprob(), Double.parseDouble(field(header, r, "candidate_logprob")));
        }
      }
    }
    List<String> split = records.stream().filter(r -> r.get(0).equals("2")).findFirst().orElseThrow();
    assertEquals("230", field(header, split, "bytes"));
    assertEquals("", field(header, split, "text"), "half a character completes nothing");
    assertEquals("日", field(header, records.stream().filter(r -> r.get(0).equals("3")).findFirst().orElseThrow(), "text"));
    assertEquals("-Infinity", records.stream().filter(r -> r.get(0).equals("4")).findFirst().orElseThrow()
        .get(header.indexOf("logprob")));
    assertTrue(csv.contains("\"a,b\"") && csv.contains("\"say \"\"hi\"\"\"") && csv.contains("\" Paris\""));
  }

  @Test
  void csvOfAWalkAddsPromptAndArgmax() {
    WalkResult walk = NextTokenWalk.builder(new BigramModel(BigramModel.completionProvider("fake", 20))).steps(3).build()
        .run("Weights and Biases is");
    List<List<String>> records = Csv.parse(walk.render(TableFormat.CSV));
    List<String> header = records.get(0);
    List<String> first = records.get(1);
    assertEquals("Weights and Biases is", field(header, first, "prompt"));
    assertEquals("true", field(header, first, "argmax"));
    assertEquals(" a", field(header, first, "token"));
  }

  @Test
  void jsonFollowsTheCommandLineContract() throws Exception {
    JsonNode root = JSON.readTree(table.render(TableFormat.JSON));
    assertEquals(table.text(), root.get("text").asText());
    JsonNode tokens = root.get("tokens");
    assertEquals(table.size(), tokens.size());
    for (int i = 0; i < table.size(); i++) {
      TableRow row = table.row(i);
      JsonNode t = tokens.get(i);
      assertEquals(row.token(), t.get("token").asText());
      assertEquals(row.text(), t.get("text").asText());
      if (row.bytes() == null) {
        assertTrue(t.get("bytes").isNull());
      } else {
        assertEquals(row.bytes().length, t.get("bytes").size());
        for (int b = 0; b < row.bytes().length; b++) {
          assertEquals(row.bytes()[b] & 0xFF, t.get("bytes").get(b).asInt());
        }
      }
      assertEquals(row.rank() == null, t.get("rank").isNull());
      if (row.rank() != null) {
        assertEquals(row.rank().intValue(), t.get("rank").asInt());
      }
      if (row.alternativesKnown()) {
        assertEquals(row.candidates().size(), t.get("top").size());
        for (int c = 0; c < row.candidates().size(); c++) {
          TokenCandidate cand = row.candidates().get(c);
          JsonNode j = t.get("top").get(c);
          assertEquals(cand.token(), j.get("token").asText());
          assertEquals(cand.probability(), j.get("prob").asDouble(), 1e-15);
          assertEquals(cand.logprob() == Double.NEGATIVE_INFINITY, j.get("logprob").isNull());
        }
        assertEquals(row.unseenMass(), t.get("unseenMass").asDouble(), 1e-15);
      } else {
        assertTrue(t.get("top").isNull(), "no alternatives: top is null, not []");
        assertTrue(t.get("unseenMass").isNull());
        assertTrue(t.get("entropy").isNull());
      }
    }
    JsonNode rare = tokens.get(4);
    assertTrue(rare.get("logprob").isNull(), "-inf is written as null");
    assertEquals(0.0, rare.get("prob").asDouble());
    assertTrue(rare.get("prob").isNumber());
    assertEquals(77, tokens.get(5).get("id").asInt());
    assertTrue(root.get("stats").get("perplexity").isNull(), "infinite perplexity is null in JSON");
    assertEquals(7, root.get("stats").get("knownLogprobs").asInt());
  }

  @Test
  void walkJsonHasStepsWithPromptChosenAndTop() throws Exception {
    WalkResult walk = NextTokenWalk.builder(new BigramModel(BigramModel.completionProvider("fake", 20))).steps(10).alternatives(2)
        .build().run("Weights and Biases is");
    JsonNode root = JSON.readTree(walk.render(TableFormat.JSON));
    JsonNode steps = root.get("steps");
    assertEquals(walk.steps().size(), steps.size());
    for (WalkStep step : walk.steps()) {
      JsonNode s = steps.get(step.index());
      assertEquals(step.prompt(), s.get("prompt").asText());
      assertEquals(step.row().token(), s.get("chosen").asText());
      assertEquals(step.row().candidates().size(), s.get("top").size());
      assertEquals(step.row().candidates().get(0).token(), s.get("top").get(0).get("token").asText());
      assertEquals(step.row().candidates().get(0).probability(), s.get("top").get(0).get("prob").asDouble(), 1e-15);
    }
    assertEquals("end_of_sequence", root.get("stopReason").asText());
    assertEquals(walk.text(), root.get("text").asText());
  }

  @Test
  void htmlShowsEveryTokenWithItsCandidatesAndRequestsNothing() {
    String html = table.render(TableFormat.HTML);
    Document doc = Jsoup.parse(html);

    Elements tokens = doc.select("div.text > span.tok");
    assertEquals(table.size(), tokens.size());
    for (int i = 0; i < table.size(); i++) {
      TableRow row = table.row(i);
      Element tok = tokens.get(i);
      String shown = row.display().isEmpty() ? TokenText.EMPTY : row.display();
      assertEquals(shown, tok.ownText().isEmpty() ? tok.textNodes().get(0).getWholeText() : tok.textNodes().get(0).getWholeText());
      assertEquals(row.token(), tok.attr("data-token"));
      assertEquals(row.probability() == null ? "" : row.probability().toString(), tok.attr("data-prob"));
      assertEquals(row.rank() == null ? "" : row.rank().toString(), tok.attr("data-rank"));
      Elements candidates = tok.select("span.tip > span.cand");
      assertEquals(row.candidates().size(), candidates.size());
      for (int c = 0; c < candidates.size(); c++) {
        assertEquals(row.candidates().get(c).token(), candidates.get(c).attr("data-token"));
        assertEquals(row.candidates().get(c).probability(), Double.parseDouble(candidates.get(c).attr("data-prob")));
        assertEquals(row.rank() != null && row.rank() == c + 1, candidates.get(c).hasClass("chosen"));
      }
    }
    assertEquals("\\xE6", tokens.get(2).textNodes().get(0).getWholeText(), "half a character shows its byte");
    assertEquals("日", tokens.get(3).textNodes().get(0).getWholeText(), "and the next token the whole character");
    assertTrue(doc.select("script").isEmpty(), "the markup candidate is escaped, not a script");
    assertTrue(doc.select("span.cand[data-token=" + Fixtures.MARKUP.replace("'", "\\'") + "]").size() <= 1);
    assertTrue(html.contains("&lt;script&gt;"));
    assertSelfContained(doc, html);
    assertEquals(table.size(), doc.select("table.rows > tbody > tr").size());
  }

  @Test
  void htmlOfAWalkShowsThePromptAndEveryStep() {
    WalkResult walk = NextTokenWalk.builder(new BigramModel(BigramModel.completionProvider("fake", 20))).steps(10).alternatives(3)
        .build().run("Weights & <Biases> is");
    Document doc = Jsoup.parse(walk.render(TableFormat.HTML));
    assertEquals("Weights & <Biases> is", doc.selectFirst("span.prompt").text());
    assertEquals(walk.steps().size(), doc.select("span.tok").size());
    assertEquals(walk.steps().size(), doc.select("table.steps > tbody > tr").size());
    assertSelfContained(doc, walk.render(TableFormat.HTML));
  }

  private static void assertSelfContained(Document doc, String html) {
    for (Element e : doc.getAllElements()) {
      assertFalse(e.hasAttr("src") || e.hasAttr("href") || e.hasAttr("srcset") || e.hasAttr("action"), e.tagName());
    }
    assertTrue(doc.select("link, script, iframe, img, object, embed").isEmpty());
    assertFalse(html.contains("http:") || html.contains("https:") || html.contains("url(") || html.contains("@import"));
  }

  @Test
  void textTableIsAlignedAndShowsWhitespace() {
    String text = new TextRenderer(false, 5).render(table);
    List<String> lines = text.lines().toList();
    List<String> grid = lines.subList(0, table.size() + 1);
    // The "prob" column ends at the same display column on every line.
    int end = TokenText.width(grid.get(0).substring(0, grid.get(0).indexOf("prob") + 4));
    for (int i = 1; i < grid.size(); i++) {
      String line = grid.get(i);
      String prob = TokenText.probability(table.row(i - 1).probability());
      int at = indexOfColumnValue(line, prob);
      assertEquals(end, TokenText.width(line.substring(0, at + prob.length())), line);
    }
    assertTrue(grid.get(1).contains("␣Paris"));
    assertTrue(grid.get(2).contains("\\n"), "a newline token is shown as \\n, not a line break");
    assertTrue(grid.get(3).contains("\\xE6"));
    assertTrue(grid.get(4).contains("▶日 0.9000"), "the chosen candidate shows the completed character: " + grid.get(4));
    assertTrue(grid.get(7).contains("\\\\"), "a literal backslash is doubled");
    assertTrue(text.contains("text: ␣Paris\\n日␣rare␣end\\\\"));
    assertFalse(text.contains("\u001B["));
    assertTrue(new TextRenderer(true, 5).render(table).contains("\u001B[32m"));
  }

  @Test
  void textWalkMarksTheChosenCandidate() {
    WalkResult walk = NextTokenWalk.builder(new BigramModel(BigramModel.completionProvider("fake", 20))).steps(2).alternatives(3)
        .build().run("Weights and Biases is");
    String text = walk.render(TableFormat.TEXT);
    List<String> marked = text.lines().filter(l -> l.contains("▶")).toList();
    assertEquals(List.of("␣a", "␣tool"), marked.stream().map(l -> l.trim().split("\\s+")[2]).toList());
    assertTrue(text.contains("0.5000") && text.contains("0.6000"));
  }

  @Test
  void markdownTableHasOneLinePerPositionAndEscapesPipes() {
    String md = table.render(TableFormat.MARKDOWN);
    List<String> tableLines = md.lines().filter(l -> l.startsWith("|")).toList();
    assertEquals(table.size() + 2, tableLines.size());
    for (String line : tableLines) {
      assertEquals(9, unescapedPipes(line), line);
    }
    assertTrue(md.contains("x\\|y"));
    assertTrue(md.contains("\\<script\\>"));
    assertTrue(md.contains("**␣Paris 0\\.7000**") || md.contains("**␣Paris 0.7000**"));
  }

  private static int unescapedPipes(String line) {
    int count = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '\\') {
        i++;
      } else if (line.charAt(i) == '|') {
        count++;
      }
    }
    return count;
  }

  private static int indexOfColumnValue(String line, String value) {
    // The probability follows the token column; search after the first two columns.
    List<Integer> hits = new ArrayList<>();
    for (int i = line.indexOf(value); i >= 0; i = line.indexOf(value, i + 1)) {
      hits.add(i);
    }
    return hits.get(0);
  }

  private static String field(List<String> header, List<String> record, String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new AssertionError("no column " + name);
    }
    return record.get(i);
  }

  @Test
  void unknownValuesAreNeverShownAsZero() {
    TableRow cohere = table.row(5);
    assertNull(cohere.unseenMass());
    String text = new TextRenderer(false, 5).render(table);
    String line = text.lines().toList().get(6);
    assertTrue(line.contains("?"), line);
    assertFalse(line.contains("0.0000"), line);
  }
}
