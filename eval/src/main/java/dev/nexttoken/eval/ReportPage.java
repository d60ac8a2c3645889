package dev.nexttoken.eval;

import static dev.nexttoken.eval.Charts.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.logprob.HtmlRenderer;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline styles and SVG, no script, no link), so it
 * opens offline and requests nothing. The figures per target; the latency and perplexity
 * distributions; a reliability diagram per target with labelled items ({@code Calibration#svg});
 * the agreement between targets; and a drill-down of the first {@value #DRILL_DOWN} items showing each
 * target's answer with its tokens coloured by probability ({@link HtmlRenderer#tokens}). Every row is
 * in {@code results.jsonl}; the page says how many items it leaves out of the drill-down.
 */
final class ReportPage {
  static final int DRILL_DOWN = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STYLE = """
      .report{max-width:none}
      h2{margin-top:1.6em;border-bottom:1px solid #ddd}
      table.targets td,table.targets th{text-align:right}
      table.targets td:first-child,table.targets th:first-child{text-align:left}
      .charts{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}
      .charts figure{margin:0}
      figcaption{font-size:.9em;color:#555;max-width:640px}
      details.item{border:1px solid #ddd;border-radius:6px;margin:.4em 0;padding:.3em .8em}
      details.item summary{cursor:pointer}
      .answer{margin:.6em 0}
      .answer h4{margin:.2em 0;font-size:.95em}
      .error{color:#b00}
      .muted{color:#666}
      """;

  private ReportPage() {}

  static void write(Path file, Summary summary, Path results, List<EvalItem> items, EvalOutcome outcome) {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>nexttoken evaluation</title>\n<style>\n")
        .append(HtmlRenderer.styles()).append(STYLE).append("</style></head>\n<body class=\"report\">\n<h1>nexttoken evaluation</h1>\n");
    out.append(String.format(Locale.ROOT, "<p class=\"run\" data-status=\"%s\">%s: %,d of %,d rows (%,d written by this run, %,d kept from before)%s; spend $%.4f.</p>\n",
        outcome.status().name().toLowerCase(Locale.ROOT), outcome.complete() ? "Complete" : "Stopped before the end (" + status(outcome) + ")",
        outcome.written() + outcome.resumed(), outcome.total(), outcome.written(), outcome.resumed(),
        outcome.tornLineDropped() ? "; a torn last line left by a crash was dropped and its row run again" : "", outcome.spend()));
    targetsTable(out, summary);
    charts(out, summary);
    drillDown(out, results, items, new ArrayList<>(summary.targets.keySet()));
    out.append("</body></html>\n");
    try {
      Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String status(EvalOutcome outcome) {
    return outcome.status() == EvalOutcome.Status.MAX_COST ? "the spend limit was reached" : "stopped; --resume continues";
  }

  private static void targetsTable(StringBuilder out, Summary summary) {
    out.append("<h2>Targets</h2>\n<table class=\"rows targets\"><thead><tr><th>target</th><th>model</th><th>rows</th><th>errors</th>"
        + "<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>tokens in</th><th>tokens out</th><th>mean perplexity</th>"
        + "<th>accuracy</th><th>ECE</th><th>Brier</th><th>cost $</th></tr></thead><tbody>\n");
    for (Summary.TargetFigures f : summary.targets.values()) {
      long[] sorted = f.sortedLatencies();
      StringBuilder errors = new StringBuilder();
      f.errors.forEach((type, n) -> errors.append(errors.length() == 0 ? "" : ", ").append(html(type)).append(" ").append(n));
      out.append("<tr data-target=\"").append(html(f.name)).append("\"><td>").append(html(f.name)).append("</td><td>").append(html(f.model))
          .append("</td><td>").append(f.rows).append("</td><td>").append(f.errorCount()).append(errors.length() == 0 ? "" : " (" + errors + ")")
          .append("</td><td>").append(orDash(Summary.quantile(sorted, 0.5))).append("</td><td>").append(orDash(Summary.quantile(sorted, 0.9)))
          .append("</td><td>").append(orDash(Summary.quantile(sorted, 0.99))).append("</td><td>").append(f.promptTokens)
          .append("</td><td>").append(f.completionTokens).append("</td><td>").append(fixed(f.meanPerplexity()))
          .append("</td><td>").append(fixed(f.calibration == null ? null : f.calibration.accuracy()))
          .append("</td><td>").append(fixed(f.calibration == null ? null : f.calibration.ece()))
          .append("</td><td>").append(fixed(f.calibration == null ? null : f.calibration.brier()))
          .append("</td><td>").append(String.format(Locale.ROOT, "%.4f", f.cost)).append(f.unpricedRows > 0 ? " (" + f.unpricedRows + " unpriced)" : "")
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
  }

  private static void charts(StringBuilder out, Summary summary) {
    List<Charts.Series> latency = new ArrayList<>();
    List<Charts.Series> perplexity = new ArrayList<>();
    for (Summary.TargetFigures f : summary.targets.values()) {
      latency.add(new Charts.Series(f.name, java.util.Arrays.stream(f.sortedLatencies()).asDoubleStream().toArray()));
      perplexity.add(new Charts.Series(f.name, f.perplexities.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    out.append("<h2>Distributions</h2>\n<div class=\"charts\">\n<figure>")
        .append(Charts.histogram("latency", "latency (ms) of rows without errors", latency, 0.99))
        .append("<figcaption>Latency of each answered row; the last bin holds everything above the 99th percentile.</figcaption></figure>\n<figure>")
        .append(Charts.histogram("perplexity", "perplexity per answer", perplexity, 0.99))
        .append("<figcaption>Perplexity of each generated answer and scored text with logprobs.</figcaption></figure>\n</div>\n");
    boolean any = summary.targets.values().stream().anyMatch(f -> f.calibration != null);
    if (any) {
      out.append("<h2>Calibration</h2>\n<div class=\"charts\">\n");
      for (Summary.TargetFigures f : summary.targets.values()) {
        if (f.calibration != null) {
          out.append("<figure data-target=\"").append(html(f.name)).append("\">").append(f.calibration.svg()).append("<figcaption>")
              .append(html(f.name)).append(String.format(Locale.ROOT, ": %d labelled items, accuracy %s, ECE %s, Brier %s",
                  f.calibration.n(), fixed(f.calibration.accuracy()), fixed(f.calibration.ece()), fixed(f.calibration.brier())))
              .append("</figcaption></figure>\n");
        }
      }
      out.append("</div>\n");
    }
    if (summary.targets.size() > 1) {
      out.append("<h2>Agreement between targets</h2>\n<figure>")
          .append(Charts.agreement(new ArrayList<>(summary.targets.keySet()), summary.agreement))
          .append("<figcaption>The share of items both targets answered (without error) with the same text or the same label.");
      for (Summary.PairAgreement p : summary.agreement) {
        if (p.meanTop1() != null) {
          out.append(" ").append(html(p.a())).append(" vs ").append(html(p.b())).append(": mean top-1 agreement of the next-token distributions ")
              .append(fixed(p.meanTop1())).append(" over ").append(p.tokenItems()).append(" answers.");
        }
      }
      out.append("</figcaption></figure>\n");
    }
  }

  private static void drillDown(StringBuilder out, Path results, List<EvalItem> items, List<String> targets) {
    int shown = Math.min(DRILL_DOWN, items.size());
    Map<String, EvalItem> wanted = new LinkedHashMap<>();
    for (EvalItem item : items.subList(0, shown)) {
      wanted.put(item.id(), item);
    }
    Map<String, Map<String, JsonNode>> rows = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        String id = row.path("id").asText();
        if (wanted.containsKey(id)) {
          rows.computeIfAbsent(id, k -> new HashMap<>()).put(row.path("target").asText(), row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + results, e);
    }
    out.append("<h2>Items</h2>\n<p class=\"muted\">The first ").append(shown).append(" of ").append(items.size())
        .append(" items").append(shown < items.size() ? "; every row of every item is in results.jsonl" : "")
        .append(". Each token is coloured by its probability (red unlikely, green likely); rest the pointer on one to see its candidates.</p>\n");
    int index = 0;
    for (EvalItem item : wanted.values()) {
      // The first few open, so the page shows answers without a click.
      out.append("<details class=\"item\"").append(index++ < 3 ? " open" : "").append(" data-id=\"").append(html(item.id())).append("\"><summary><b>").append(html(item.id())).append("</b> ")
          .append(item.kind().label()).append(": <code>").append(html(excerpt(prompt(item)))).append("</code></summary>\n");
      Map<String, JsonNode> byTarget = rows.getOrDefault(item.id(), Map.of());
      for (String target : targets) {
        JsonNode row = byTarget.get(target);
        out.append("<div class=\"answer\" data-target=\"").append(html(target)).append("\"><h4>").append(html(target)).append("</h4>");
        answer(out, row);
        out.append("</div>\n");
      }
      out.append("</details>\n");
    }
  }

  private static void answer(StringBuilder out, JsonNode row) {
    if (row == null) {
      out.append("<p class=\"muted\">not run yet</p>");
      return;
    }
    JsonNode error = row.get("error");
    if (error != null && !error.isNull()) {
      out.append("<p class=\"error\">").append(html(error.path("type").asText())).append(error.path("status").asInt() == 0 ? "" : " " + error.path("status").asInt())
          .append(": ").append(html(error.path("message").asText())).append("</p>");
      return;
    }
    List<TokenLogprob> tokens = TokenJson.read(row.get("tokens"));
    if (tokens != null && !tokens.isEmpty()) {
      out.append(HtmlRenderer.tokens(ProbabilityTable.of(tokens)));
    } else if (row.hasNonNull("text")) {
      out.append("<div class=\"text\">").append(html(row.get("text").asText())).append("</div>");
    }
    if (row.path("kind").asText().equals("classify")) {
      out.append("<p>");
      for (JsonNode l : row.path("labels")) {
        boolean predicted = l.path("label").asText().equals(row.path("predicted").asText(null));
        out.append(predicted ? "<b>" : "").append("<code>").append(html(l.path("label").asText())).append("</code> ")
            .append(fixed(l.path("probability").isNumber() ? l.get("probability").asDouble() : null)).append(predicted ? "</b>" : "").append(" &nbsp; ");
      }
      out.append(row.path("gold").isNull() ? "" : "gold <code>" + html(row.path("gold").asText()) + "</code> " + (row.path("correct").asBoolean() ? "✓" : "✗"))
          .append("</p>");
    }
    out.append("<p class=\"muted\">").append(row.path("latencyMs").asLong()).append(" ms, ").append(row.path("attempts").asInt()).append(" attempt(s)")
        .append(row.path("stats").path("perplexity").isNumber() ? ", perplexity " + fixed(row.get("stats").get("perplexity").asDouble()) : "")
        .append("</p>");
  }

  private static String prompt(EvalItem item) {
    if (item.prompt() != null) {
      return item.prompt() + (item.text() != null ? " ⟨" + item.text() + "⟩" : "");
    }
    return item.messages().get(item.messages().size() - 1).content();
  }

  private static String excerpt(String s) {
    return s == null ? "" : s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  private static String orDash(Long v) {
    return v == null ? "–" : v.toString();
  }

  private static String fixed(Double v) {
    return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.4f", v);
  }
}
