package dev.nexttoken.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Usage;
import dev.nexttoken.analysis.Classification;
import dev.nexttoken.analysis.LabelScore;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.logprob.JsonRenderer;
import dev.nexttoken.logprob.ProbabilityTable;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One line of {@code results.jsonl}: one item on one target.
 *
 * <p>Fields: {@code id, target, provider, model, kind, text, finishReason, usage {promptTokens,
 * completionTokens, totalTokens, cachedTokens, reasoningTokens}, latencyMs, attempts, cost, tokens}
 * ({@code tokens} as the command line's JSON document writes them, or null), {@code stats}
 * ({@code tokens, knownLogprobs, totalLogprob, meanLogprob, perplexity}, or null); for classify
 * {@code labels [{label, logprob, probability}], method, predicted, gold, correct}; and {@code error
 * {type, status, message}} or null. The text, tokens and stats of a score row are the scored text's.
 */
record ResultRow(String id, String target, String provider, String model, EvalItem.Kind kind, String text, FinishReason finishReason,
    Usage usage, long latencyMs, int attempts, Double cost, List<TokenLogprob> tokens, Classification classification, String gold,
    RuntimeException error) {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** The row as one line of JSON, newline included. */
  String toJsonLine() {
    StringWriter buffer = new StringWriter(512);
    try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeStringField("target", target);
      json.writeStringField("provider", provider);
      json.writeStringField("model", model);
      json.writeStringField("kind", kind.label());
      json.writeStringField("text", text);
      json.writeStringField("finishReason", finishReason == null ? null : finishReason.kind().wireName());
      json.writeObjectFieldStart("usage");
      writeInt(json, "promptTokens", usage.promptTokens());
      writeInt(json, "completionTokens", usage.completionTokens());
      writeInt(json, "totalTokens", usage.totalTokens());
      writeInt(json, "cachedTokens", usage.cachedTokens());
      writeInt(json, "reasoningTokens", usage.reasoningTokens());
      json.writeEndObject();
      json.writeNumberField("latencyMs", latencyMs);
      json.writeNumberField("attempts", attempts);
      if (cost == null) {
        json.writeNullField("cost");
      } else {
        json.writeNumberField("cost", cost);
      }
      json.writeFieldName("tokens");
      if (tokens == null) {
        json.writeNull();
        json.writeNullField("stats");
      } else {
        ProbabilityTable table = ProbabilityTable.of(tokens);
        JsonRenderer.writeTokens(json, table);
        json.writeFieldName("stats");
        JsonRenderer.writeStats(json, table.stats());
      }
      if (kind == EvalItem.Kind.CLASSIFY) {
        writeClassification(json);
      }
      json.writeFieldName("error");
      if (error == null) {
        json.writeNull();
      } else {
        json.writeStartObject();
        json.writeStringField("type", error.getClass().getSimpleName());
        json.writeNumberField("status", error instanceof NextTokenException n ? n.httpStatus() : 0);
        json.writeStringField("message", error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.append('\n').toString();
  }

  /** The perplexity of the row's tokens, or null (no tokens, or none with a known logprob). */
  Double perplexity() {
    return tokens == null ? null : ProbabilityTable.of(tokens).stats().perplexity();
  }

  private void writeClassification(JsonGenerator json) throws IOException {
    json.writeArrayFieldStart("labels");
    if (classification != null) {
      for (LabelScore s : classification.labels()) {
        json.writeStartObject();
        json.writeStringField("label", s.label());
        writeDouble(json, "logprob", s.logprob());
        writeDouble(json, "probability", s.probability());
        json.writeEndObject();
      }
    }
    json.writeEndArray();
    json.writeStringField("method", classification == null ? null : classification.method().label());
    String predicted = classification == null || classification.top() == null ? null : classification.top().label();
    json.writeStringField("predicted", predicted);
    json.writeStringField("gold", gold);
    if (gold == null || predicted == null) {
      json.writeNullField("correct");
    } else {
      json.writeBooleanField("correct", gold.equals(predicted));
    }
  }

  private static void writeInt(JsonGenerator json, String field, Integer value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }

  private static void writeDouble(JsonGenerator json, String field, Double value) throws IOException {
    if (value == null || value.isNaN() || value.isInfinite()) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, value);
    }
  }
}
