package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.Completion;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.HtmlRenderer;
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
 * {@code usage} as {@link #writeUsage} writes it and {@code tokens} as {@link JsonRenderer} writes
 * them (null when no logprobs were returned).
 */
final class CompletionPrinter {
  private static final JsonFactory JSON = new JsonFactory();

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean color;

  CompletionPrinter(PrintWriter out, PrintWriter err, boolean color) {
    this.out = out;
    this.err = err;
    this.color = color;
  }

  /**
   * @param responseFormat the JSON schema the answer was asked to follow, or null: with one, every
   *     format also shows the answer's fields and their confidence
   */
  void print(Completion completion, LanguageModel model, OutputFormat format, boolean alreadyStreamed, String htmlFile,
      ResponseFormat responseFormat) {
    Integer vocabulary = model.capabilities().vocabularySize();
    ProbabilityTable table = tableOf(completion, vocabulary);
    StructuredAnswer structured = responseFormat == null ? null : StructuredAnswer.of(completion, responseFormat);
    if (structured != null && structured.warning() != null) {
      err.println(structured.warning());
    }
    switch (format) {
      case text -> {
        if (!alreadyStreamed) {
          out.println(completion.text());
        }
        out.print(AnswerExtras.text(completion, structured, color));
      }
      case table -> {
        if (!alreadyStreamed) {
          out.println(completion.text());
        }
        out.println();
        out.print(completion.logprobs() == null ? "(no logprobs returned)\n" : new TextRenderer(color, 5).render(table));
        out.print(AnswerExtras.text(completion, structured, color));
      }
      case json -> out.println(json(completion, model.provider(), table, structured, vocabulary));
      case markdown -> out.print(format.tableFormat().renderer().render(table) + AnswerExtras.markdown(completion, structured));
      case csv -> out.print(format.tableFormat().renderer().render(table));
      case html -> {
        HtmlRenderer html = (HtmlRenderer) format.tableFormat().renderer();
        String page = structured == null || structured.fields() == null ? html.render(table)
            : html.render(table, completion.text(), structured.fields());
        ReportFile.write(page, htmlFile, out);
      }
    }
    out.flush();
  }

  private static ProbabilityTable tableOf(Completion completion, Integer vocabulary) {
    return ProbabilityTable.of(completion.logprobs() == null ? List.of() : completion.logprobs(), vocabulary);
  }

  static String json(Completion completion, String provider, ProbabilityTable table) {
    return json(completion, provider, table, null, null);
  }

  /**
   * The document; beyond the fields listed on the class: {@code toolCalls} (always, {@code [{id,
   * name, arguments}]} with arguments the text as sent), {@code reasoning} (text or null),
   * {@code json}, {@code jsonError}, {@code schemaViolations} and {@code fields} when a schema was
   * given, and {@code choices} when more than one answer came back.
   */
  static String json(Completion completion, String provider, ProbabilityTable table, StructuredAnswer structured, Integer vocabulary) {
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
      AnswerExtras.writeJson(json, completion, structured);
      if (!completion.otherChoices().isEmpty()) {
        json.writeArrayFieldStart("choices");
        List<Completion> all = completion.choices();
        for (int i = 0; i < all.size(); i++) {
          Completion c = all.get(i);
          json.writeStartObject();
          json.writeNumberField("index", i);
          json.writeStringField("text", c.text());
          json.writeStringField("finishReason", c.finishReason() == null ? null : c.finishReason().kind().wireName());
          json.writeStringField("finishReasonRaw", c.finishReason() == null ? null : c.finishReason().raw());
          AnswerExtras.writeToolCalls(json, c);
          json.writeFieldName("tokens");
          if (c.logprobs() == null) {
            json.writeNull();
          } else {
            JsonRenderer.writeTokens(json, tableOf(c, vocabulary));
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toString();
  }

  /**
   * {@code usage}: {@code promptTokens, completionTokens, totalTokens, cachedTokens, reasoningTokens},
   * every field always present and null when the provider did not report it (a reported 0 is 0).
   */
  static void writeUsage(JsonGenerator json, Usage usage) throws IOException {
    json.writeObjectFieldStart("usage");
    writeInt(json, "promptTokens", usage.promptTokens());
    writeInt(json, "completionTokens", usage.completionTokens());
    writeInt(json, "totalTokens", usage.totalTokens());
    writeInt(json, "cachedTokens", usage.cachedTokens());
    writeInt(json, "reasoningTokens", usage.reasoningTokens());
    json.writeEndObject();
  }

  /** Usage in words for the human formats: {@code "20 in, 1 out"}; an unknown count is {@code ?}. */
  static String usageText(Usage u) {
    return (u.promptTokens() == null ? "?" : u.promptTokens()) + " in, " + (u.completionTokens() == null ? "?" : u.completionTokens()) + " out";
  }

  /**
   * The details a provider reported, in words ({@code "1920 cached, 192 reasoning"}), or null when
   * it reported neither; one it did not report is left out.
   */
  static String usageDetailsText(Usage u) {
    if (u.cachedTokens() == null && u.reasoningTokens() == null) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    if (u.cachedTokens() != null) {
      s.append(u.cachedTokens()).append(" cached");
    }
    if (u.reasoningTokens() != null) {
      s.append(s.length() == 0 ? "" : ", ").append(u.reasoningTokens()).append(" reasoning");
    }
    return s.toString();
  }

  private static void writeInt(JsonGenerator json, String name, Integer value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }
}
