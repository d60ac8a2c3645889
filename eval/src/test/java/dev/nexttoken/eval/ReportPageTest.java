package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.RetrySettings;
import dev.nexttoken.llamacpp.LlamaCppModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** report.html, read as a browser's DOM would be (jsoup): self-contained, and its charts draw what the rows say. */
@ExtendWith(LlamaServerExtension.class)
class ReportPageTest {
  private final LlamaCppModel model;
  @TempDir Path dir;

  ReportPageTest(LlamaServer server) {
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).retry(RetrySettings.NONE).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  @Test
  void theReportIsSelfContainedAndItsChartsAndDrillDownMatchTheRows() throws IOException {
    List<EvalItem> items = new ArrayList<>();
    String[] prompts = {"Weights and Biases is", "A language model", "Greedy decoding", "The lecture"};
    for (int i = 0; i < 120; i++) {
      String p = prompts[i % prompts.length];
      items.add(i % 4 == 3 ? EvalItem.classify("c" + i, p, List.of(" the", " explains"), i % 8 == 3 ? " the" : " explains")
          : EvalItem.generate("g" + i, p).withOptions(2 + i % 3, 0.0, 2));
    }
    items.add(EvalItem.score("s", "<b>&", " the machine learning platform"));
    Evaluation.builder().items(items).target(Target.of("a<1>", model)).target(Target.of("b", model)).out(dir).build().run();

    Document page = Jsoup.parse(dir.resolve("report.html").toFile());
    assertTrue(page.select("script, link, iframe, img, object, embed").isEmpty(), "no script and nothing fetched");
    assertTrue(page.select("[src], [href]").isEmpty(), "no reference to anything outside the page");
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    JsonNode a = summary.get("targets").get(0);
    assertEquals("a<1>", a.get("target").asText());

    int latencyBars = page.select("svg[data-chart=latency] rect.bar[data-series=a<1>]").stream().mapToInt(ReportPageTest::count).sum();
    assertEquals(a.get("rows").asInt() - a.get("errorRows").asInt(), latencyBars, "every answered row is in the latency chart");
    int perplexityBars = page.select("svg[data-chart=perplexity] rect.bar[data-series=a<1>]").stream().mapToInt(ReportPageTest::count).sum();
    assertEquals(a.get("perplexityRows").asInt(), perplexityBars);
    Element reliability = page.selectFirst("figure[data-target=a<1>] svg.reliability");
    assertTrue(reliability != null, "a reliability diagram for the labelled items");
    int binned = reliability.select("rect.bin").stream().mapToInt(b -> Integer.parseInt(b.attr("data-count"))).sum();
    assertEquals(a.get("classification").get("labelled").asInt(), binned);
    assertEquals(4, page.select("svg[data-chart=agreement] rect.cell").size(), "2 × 2 targets");
    assertEquals("1.0", page.selectFirst("svg[data-chart=agreement] rect.cell[data-a=a<1>][data-b=b]").attr("data-rate"), "one model twice agrees with itself");

    assertEquals(ReportPage.DRILL_DOWN, page.select("details.item").size(), "the first 100 of 121 items");
    assertTrue(page.selectFirst("p.muted").text().contains("every row of every item is in results.jsonl"));
    Element first = page.selectFirst("details.item[data-id=g0] div.answer[data-target=a<1>]");
    assertEquals(2, first.select("span.tok").size(), "g0 generated 2 tokens, each coloured");
    assertTrue(first.selectFirst("span.tok").attr("style").startsWith("background:"));
  }

  private static int count(Element bar) {
    return Integer.parseInt(bar.attr("data-count"));
  }
}
