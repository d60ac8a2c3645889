package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Completion;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.JsonRenderer;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints a completion in the chosen format. The JSON document is the CLI's stable contract:
 * {@code provider, model, text, finishReason, finishReasonRaw, usage, tokens, stats}, with
 * {@code tokens} as {@link JsonRenderer} writes them (null when no logprobs were returned).
 */
final class CompletionPrinter {
  private static final JsonFactory JSON = new JsonFactory();

  private final PrintWriter out;
  private final boolean color;

  CompletionPrinter(PrintWriter out, boolean color) {
    this.out = out;
    this.color = color;
  }

  void print(Completion completion, LanguageModel model, OutputFormat format, boolean alreadyStreamed, String htmlFile) {
    ProbabilityTable table = ProbabilityTable.of(
        completion.logprobs() == null ? List.of() : completion.logprobs(), model.capabilities().vocabularySize());
    switch (format) {
      case text -> {
        if (!alreadyStreamed) {
          out.println(completion.text());
        }
      }
      case table -> {
        if (!alreadyStreamed) {
          out.println(completion.text());
        }
        out.println();
        out.print(completion.logprobs() == null ? "(no logprobs returned)\n" : new TextRenderer(color, 5).render(table));
      }
      case json -> out.println(json(completion, model.provider(), table));
      case markdown, csv -> out.print(format.tableFormat().renderer().render(table));
      case html -> ReportFile.write(format.tableFormat().renderer().render(table), htmlFile, out);
    }
    out.flush();
  }

  static String json(Completion completion, String provider, ProbabilityTable table) {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(buffer)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("provider", provider);
      json.writeStringField("model", completion.model());
      json.writeStringField("text", completion.text());
      json.writeStringField("finishReason", completion.finishReason() == null ? null : completion.finishReason().kind().wireName());
      json.writeStringField("finishReasonRaw", completion.finishReason() == null ? null : completion.finishReason().raw());
      writeUsage(json, completion.usage());
      json.writeFieldName("tokens");
      if (completion.logprobs() == null) {
        json.writeNull();
      } else {
        JsonRenderer.writeTokens(json, table);
      }
      json.writeFieldName("stats");
      JsonRenderer.writeStats(json, table.stats());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toString();
  }

  static void writeUsage(JsonGenerator json, Usage usage) throws IOException {
    json.writeObjectFieldStart("usage");
    writeInt(json, "promptTokens", usage.promptTokens());
    writeInt(json, "completionTokens", usage.completionTokens());
    writeInt(json, "totalTokens", usage.totalTokens());
    writeInt(json, "cachedTokens", usage.cachedTokens());
    writeInt(json, "reasoningTokens", usage.reasoningTokens());
    json.writeEndObject();
  }

  private static void writeInt(JsonGenerator json, String name, Integer value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }
}
