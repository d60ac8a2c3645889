package dev.nexttoken.logprob;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * JSON, the command line's documented contract, written with Jackson's streaming generator.
 *
 * <p>A table: {@code {"text", "tokens": [...], "stats": {...}, "vocabularySize"}}. Each token:
 * {@code position}, {@code token} (the provider's text), {@code text} (decoded from the bytes, the
 * characters this token completes), {@code bytes} (integers 0–255, or null), {@code id} (or null),
 * {@code logprob}, {@code prob}, {@code rank} (1-based, {@link TableRow#knownRank()}: the rank among
 * the listed candidates when the chosen token is one of them, else the rank in the whole distribution
 * where the provider reports it (vLLM's scoring), else null), {@code top} (candidates in rank order, each {@code token, text, bytes, id,
 * logprob, prob}; null when the provider listed none), {@code coveredMass} and {@code unseenMass}
 * (null when unknown), {@code entropy} ({@code {lower, upper, exact}} in nats, or null).
 *
 * <p>A walk: {@code {"prompt", "text", "generated", "stopReason", "steps": [...], "stats"}}; each
 * step has {@code step}, {@code prompt} (the text sent at that step), {@code chosen} (the chosen
 * token's text), {@code argmax}, and the token fields above ({@code bytes, id, logprob, prob, rank,
 * top, ...}) for the chosen token.
 *
 * <p>JSON has no infinity: a logprob of {@code -Infinity} (probability 0) is written as
 * {@code "logprob": null} with {@code "prob": 0}, and any other non-finite number as null.
 *
 * @param pretty whether to indent the output
 */
public record JsonRenderer(boolean pretty) implements TableRenderer {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public String render(ProbabilityTable table) {
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("text", table.text());
      json.writeFieldName("tokens");
      writeTokens(json, table);
      json.writeFieldName("stats");
      writeStats(json, table.stats());
      writeNumberOrNull(json, "vocabularySize", table.vocabularySize());
      json.writeEndObject();
    });
  }

  @Override
  public String render(WalkResult walk) {
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("prompt", walk.prompt());
      json.writeStringField("text", walk.text());
      json.writeStringField("generated", walk.generated());
      json.writeStringField("stopReason", walk.stopReason().name().toLowerCase(java.util.Locale.ROOT));
      json.writeArrayFieldStart("steps");
      for (WalkStep step : walk.steps()) {
        json.writeStartObject();
        json.writeNumberField("step", step.index());
        json.writeStringField("prompt", step.prompt());
        json.writeStringField("chosen", step.row().token());
        json.writeBooleanField("argmax", step.argmax());
        writeRowFields(json, step.row());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeFieldName("stats");
      writeStats(json, walk.table().stats());
      writeNumberOrNull(json, "vocabularySize", walk.table().vocabularySize());
      json.writeEndObject();
    });
  }

  /** Writes the table's {@code tokens} array, for callers that embed it in a larger document. */
  public static void writeTokens(JsonGenerator json, ProbabilityTable table) throws IOException {
    json.writeStartArray();
    for (TableRow row : table.rows()) {
      json.writeStartObject();
      json.writeNumberField("position", row.position());
      json.writeStringField("token", row.token());
      writeRowFields(json, row);
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Writes the sequence statistics as an object. */
  public static void writeStats(JsonGenerator json, SequenceStats stats) throws IOException {
    json.writeStartObject();
    json.writeNumberField("tokens", stats.tokens());
    json.writeNumberField("knownLogprobs", stats.knownLogprobs());
    writeNumberOrNull(json, "totalLogprob", stats.knownLogprobs() == 0 ? null : stats.totalLogprob());
    writeNumberOrNull(json, "meanLogprob", stats.meanLogprob());
    writeNumberOrNull(json, "perplexity", stats.perplexity());
    json.writeEndObject();
  }

  private static void writeRowFields(JsonGenerator json, TableRow row) throws IOException {
    json.writeStringField("text", row.text());
    writeBytes(json, row.bytes());
    writeNumberOrNull(json, "id", row.id());
    writeLogprob(json, row.logprob());
    writeNumberOrNull(json, "rank", row.knownRank());
    json.writeFieldName("top");
    if (row.alternativesKnown()) {
      writeCandidates(json, row.candidates());
    } else {
      json.writeNull();
    }
    writeNumberOrNull(json, "coveredMass", row.coveredMass());
    writeNumberOrNull(json, "unseenMass", row.unseenMass());
    json.writeFieldName("entropy");
    Entropy entropy = row.entropy();
    if (entropy == null) {
      json.writeNull();
    } else {
      json.writeStartObject();
      json.writeNumberField("lower", entropy.lowerBound());
      writeNumberOrNull(json, "upper", entropy.upperBound());
      json.writeBooleanField("exact", entropy.exact());
      json.writeEndObject();
    }
  }

  private static void writeCandidates(JsonGenerator json, List<TokenCandidate> candidates) throws IOException {
    json.writeStartArray();
    for (TokenCandidate c : candidates) {
      json.writeStartObject();
      json.writeStringField("token", c.token());
      json.writeStringField("text", c.bytes() == null ? c.token() : Utf8.decode(c.bytes()));
      writeBytes(json, c.bytes());
      writeNumberOrNull(json, "id", c.id());
      writeLogprob(json, c.logprob());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** {@code logprob} and {@code prob}; -Infinity becomes null and 0, unknown becomes null and null. */
  private static void writeLogprob(JsonGenerator json, Double logprob) throws IOException {
    if (logprob == null) {
      json.writeNullField("logprob");
      json.writeNullField("prob");
    } else if (logprob == Double.NEGATIVE_INFINITY) {
      json.writeNullField("logprob");
      json.writeNumberField("prob", 0);
    } else {
      json.writeNumberField("logprob", logprob);
      json.writeNumberField("prob", Math.exp(logprob));
    }
  }

  private static void writeBytes(JsonGenerator json, byte[] bytes) throws IOException {
    json.writeFieldName("bytes");
    if (bytes == null) {
      json.writeNull();
      return;
    }
    json.writeStartArray();
    for (byte b : bytes) {
      json.writeNumber(b & 0xFF);
    }
    json.writeEndArray();
  }

  private static void writeNumberOrNull(JsonGenerator json, String field, Number value) throws IOException {
    if (value == null || (value instanceof Double d && !Double.isFinite(d))) {
      json.writeNullField(field);
    } else if (value instanceof Integer i) {
      json.writeNumberField(field, i);
    } else {
      json.writeNumberField(field, value.doubleValue());
    }
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      if (pretty) {
        json.useDefaultPrettyPrinter();
      }
      body.write(json);
    } catch (IOException e) {
      // A StringWriter does not fail; anything else is a bug.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
