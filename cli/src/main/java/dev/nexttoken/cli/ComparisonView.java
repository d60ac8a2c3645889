package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.JsonRenderer;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lays several providers' answers side by side. Tokenizers differ, so positions are aligned by the
 * character offset at which each token starts in the generated text: one provider's " machine" and
 * another's " mach" + "ine" share the row at the offset of " mach", and "ine" gets a row of its own.
 */
final class ComparisonView {
  private static final int CELL = 34;

  private final String prompt;
  private final List<ProviderResult> results;
  private final Map<String, ProbabilityTable> tables = new LinkedHashMap<>();
  /** For each provider: offset -> the row starting there. */
  private final Map<String, Map<Integer, TableRow>> byOffset = new LinkedHashMap<>();
  private final TreeSet<Integer> offsets = new TreeSet<>();

  ComparisonView(String prompt, List<ProviderResult> results) {
    this.prompt = prompt;
    this.results = results;
    for (ProviderResult r : results) {
      if (r.completion() == null || r.completion().logprobs() == null) {
        continue;
      }
      ProbabilityTable table = ProbabilityTable.of(r.completion().logprobs());
      tables.put(r.provider(), table);
      Map<Integer, TableRow> rows = new LinkedHashMap<>();
      int offset = 0;
      for (TableRow row : table.rows()) {
        rows.putIfAbsent(offset, row);
        offsets.add(offset);
        offset += row.text().length();
      }
      byOffset.put(r.provider(), rows);
    }
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append("prompt: ").append(prompt).append("\n\n");
    line(s, "", results.stream().map(ProviderResult::provider).toList());
    line(s, "text", results.stream().map(r -> r.error() != null ? "ERROR" : quote(r.completion().text())).toList());
    line(s, "latency", results.stream().map(r -> r.latencyMillis() + " ms").toList());
    line(s, "usage", results.stream().map(r -> r.completion() == null ? "" : usage(r.completion().usage())).toList());
    // Cached and reasoning tokens get a row of their own, shown when any provider reported one.
    List<String> details = results.stream()
        .map(r -> r.completion() == null ? null : CompletionPrinter.usageDetailsText(r.completion().usage())).toList();
    if (details.stream().anyMatch(d -> d != null)) {
      line(s, "details", details.stream().map(d -> d == null ? "" : d).toList());
    }
    for (ProviderResult r : results) {
      if (r.error() != null) {
        s.append("error (").append(r.provider()).append("): ").append(r.error()).append('\n');
      }
    }
    if (!offsets.isEmpty()) {
      s.append('\n');
      line(s, "offset", results.stream().map(ProviderResult::provider).toList());
      for (int offset : offsets) {
        List<String> cells = new ArrayList<>();
        for (ProviderResult r : results) {
          TableRow row = byOffset.getOrDefault(r.provider(), Map.of()).get(offset);
          cells.add(row == null ? "" : cell(row));
        }
        line(s, Integer.toString(offset), cells);
      }
    }
    return s.toString();
  }

  private static String cell(TableRow row) {
    StringBuilder s = new StringBuilder(quote(row.display()));
    s.append(' ').append(row.probability() == null ? "p=?" : String.format(Locale.ROOT, "%.3f", row.probability()));
    if (row.alternativesKnown() && !row.candidates().isEmpty()) {
      TokenCandidate best = row.candidates().get(0);
      if (row.rank() == null || row.rank() != 1) {
        s.append(" (top ").append(quote(best.token())).append(')');
      }
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String label, List<String> cells) {
    s.append(pad(label, 8));
    for (String cell : cells) {
      s.append(" | ").append(pad(cell, CELL));
    }
    s.append('\n');
  }

  private static String pad(String text, int width) {
    if (text.length() > width) {
      return text.substring(0, width - 1) + "…";
    }
    return text + " ".repeat(width - text.length());
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  private static String usage(Usage u) {
    return CompletionPrinter.usageText(u);
  }

  String json() {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(buffer)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("prompt", prompt);
      json.writeArrayFieldStart("providers");
      for (ProviderResult r : results) {
        json.writeStartObject();
        json.writeStringField("provider", r.provider());
        json.writeNumberField("latencyMs", r.latencyMillis());
        json.writeStringField("error", r.error());
        if (r.completion() != null) {
          json.writeStringField("model", r.completion().model());
          json.writeStringField("text", r.completion().text());
          CompletionPrinter.writeUsage(json, r.completion().usage());
          json.writeFieldName("tokens");
          ProbabilityTable table = tables.get(r.provider());
          if (table == null) {
            json.writeNull();
          } else {
            JsonRenderer.writeTokens(json, table);
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("rows");
      for (int offset : offsets) {
        json.writeStartObject();
        json.writeNumberField("offset", offset);
        json.writeObjectFieldStart("cells");
        for (var entry : byOffset.entrySet()) {
          TableRow row = entry.getValue().get(offset);
          if (row != null) {
            json.writeObjectFieldStart(entry.getKey());
            json.writeNumberField("position", row.position());
            json.writeStringField("token", row.token());
            if (row.probability() == null) {
              json.writeNullField("prob");
            } else {
              json.writeNumberField("prob", row.probability());
            }
            json.writeEndObject();
          }
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.append('\n').toString();
  }
}
