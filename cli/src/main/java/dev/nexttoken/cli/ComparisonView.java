package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.Agreement;
import dev.nexttoken.logprob.ByteAlignment;
import dev.nexttoken.logprob.JsonRenderer;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TableRow;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenIdentity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays several providers' answers side by side, aligned by the byte offset at which each token starts
 * in its answer ({@link ByteAlignment}): one provider's " machine" and another's " mach" + "ine" share
 * the row at the offset of " mach", and "ine" gets a row of its own. Each pair of answers with logprobs
 * also gets its {@link Agreement}: top-1 agreement, ranks in each other's lists, divergence bounds.
 */
final class ComparisonView {
  private static final int CELL = 34;

  private final String prompt;
  private final List<ProviderResult> results;
  /** The providers whose answers carry logprobs, in order, and their tables. */
  private final List<String> compared = new ArrayList<>();
  private final Map<String, ProbabilityTable> tables = new LinkedHashMap<>();
  private final ByteAlignment alignment;
  private final List<Pair> pairs = new ArrayList<>();

  /** Two providers' agreement. */
  private record Pair(String a, String b, Agreement agreement) {}

  ComparisonView(String prompt, List<ProviderResult> results) {
    this.prompt = prompt;
    this.results = results;
    for (ProviderResult r : results) {
      if (r.completion() != null && r.completion().logprobs() != null) {
        compared.add(r.provider());
        tables.put(r.provider(), ProbabilityTable.of(r.completion().logprobs()));
      }
    }
    this.alignment = ByteAlignment.of(List.copyOf(tables.values()));
    for (int i = 0; i < compared.size(); i++) {
      for (int j = i + 1; j < compared.size(); j++) {
        // Providers' vocabularies differ: their tokens are the same when they spell the same bytes.
        pairs.add(new Pair(compared.get(i), compared.get(j), Agreement.of(alignment, i, j, TokenIdentity.TEXT)));
      }
    }
  }

  /** The row of {@code provider} at an aligned offset, or null. */
  private TableRow cell(ByteAlignment.Row row, String provider) {
    int index = compared.indexOf(provider);
    return index < 0 ? null : row.cells().get(index);
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
    if (!alignment.rows().isEmpty()) {
      s.append('\n');
      line(s, "offset", results.stream().map(ProviderResult::provider).toList());
      for (ByteAlignment.Row aligned : alignment.rows()) {
        List<String> cells = new ArrayList<>();
        for (ProviderResult r : results) {
          TableRow row = cell(aligned, r.provider());
          cells.add(row == null ? "" : cell(row));
        }
        line(s, Integer.toString(aligned.offset()), cells);
      }
    }
    if (!pairs.isEmpty()) {
      s.append('\n');
      pairs.forEach(p -> s.append(AgreementJson.line(p.a(), p.b(), p.agreement())).append('\n'));
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
      for (ByteAlignment.Row aligned : alignment.rows()) {
        json.writeStartObject();
        json.writeNumberField("offset", aligned.offset());
        json.writeObjectFieldStart("cells");
        for (String provider : compared) {
          TableRow row = cell(aligned, provider);
          if (row != null) {
            json.writeObjectFieldStart(provider);
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
      json.writeArrayFieldStart("agreement");
      for (Pair p : pairs) {
        AgreementJson.write(json, p.a(), p.b(), p.agreement());
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.append('\n').toString();
  }
}
