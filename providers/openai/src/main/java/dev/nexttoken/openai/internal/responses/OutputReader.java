package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonValues.startArray;
import static dev.nexttoken.spi.JsonValues.startObject;
import static dev.nexttoken.spi.JsonValues.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.ToolCall;
import dev.nexttoken.logprob.TokenLogprob;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a response's {@code output[]} items (wire-formats-2 §1.3), told apart by {@code type}, never
 * by position, in one pass with fields in any order.
 *
 * <ul>
 *   <li>{@code message}: its {@code output_text} parts give the text and logprobs, its
 *       {@code refusal} parts the refusal (also part of the text).
 *   <li>{@code function_call}: a {@link ToolCall} whose id is {@code call_id} (the id a result quotes;
 *       the item's own {@code id} is another one), with {@code name} and {@code arguments} exactly as
 *       sent ({@link #arguments}).
 *   <li>{@code reasoning}: its {@code summary_text} parts, then its {@code reasoning_text} parts
 *       (which OpenAI's own models do not show; compatible servers running open models do), are the
 *       reasoning, parts {@link #PART_SEPARATOR separated}. Never part of the text.
 *   <li>Everything else (hosted tool calls, items added later): skipped.
 * </ul>
 *
 * With {@code withOutput} false (a stream's terminal event, whose text and reasoning were already
 * streamed) only the calls are read.
 */
final class OutputReader {
  /** Between two reasoning parts, in a whole answer and in a stream alike. */
  static final String PART_SEPARATOR = "\n\n";

  private static final JsonFactory JSON = new JsonFactory();

  private final boolean withOutput;
  private final LogprobsReader logprobs;

  /**
   * @param logprobs the reader of the logprobs asked for, or null to skip them unread
   * @param withOutput whether to read text, logprobs and reasoning, or only the calls
   */
  OutputReader(LogprobsReader logprobs, boolean withOutput) {
    this.logprobs = logprobs;
    this.withOutput = withOutput;
  }

  /** What the output items add up to. */
  static final class Output {
    final StringBuilder text = new StringBuilder();
    StringBuilder refusal;
    List<TokenLogprob> logprobs;
    final List<ToolCall> calls = new ArrayList<>();
    StringBuilder reasoning;

    void reasoning(List<String> parts) {
      for (String part : parts) {
        if (!part.isEmpty()) {
          reasoning = reasoning == null ? new StringBuilder() : reasoning.append(PART_SEPARATOR);
          reasoning.append(part);
        }
      }
    }
  }

  void read(JsonParser p, Output out) throws IOException {
    if (!startArray(p, "output")) {
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (startObject(p, "output[]")) {
        item(p, out);
      }
    }
  }

  private void item(JsonParser p, Output out) throws IOException {
    String type = null;
    String callId = null;
    String name = null;
    String arguments = null;
    List<String> summary = new ArrayList<>(0);
    List<String> reasoning = new ArrayList<>(0);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "type" -> type = text(p, field);
        case "call_id" -> callId = text(p, field);
        case "name" -> name = text(p, field);
        case "arguments" -> arguments = arguments(p);
        // Only a message has output_text and refusal parts, only a reasoning item reasoning_text and
        // summary_text parts, so parts are told apart by their own type whatever order the item's
        // fields come in; the summary is kept apart to come first.
        case "content" -> parts(p, field, out, reasoning);
        case "summary" -> parts(p, field, out, summary);
        default -> p.skipChildren();
      }
    }
    if ("function_call".equals(type)) {
      out.calls.add(new ToolCall(callId, name == null ? "" : name, arguments));
    } else if ("reasoning".equals(type)) {
      out.reasoning(summary);
      out.reasoning(reasoning);
    }
  }

  /** The parts of a message's or a reasoning item's {@code content}, or of a reasoning item's {@code summary}. */
  private void parts(JsonParser p, String name, Output out, List<String> reasoning) throws IOException {
    if (!withOutput || !startArray(p, name)) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (!startObject(p, name + "[]")) {
        continue;
      }
      String type = null;
      String text = null;
      String refusal = null;
      List<TokenLogprob> entries = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type" -> type = text(p, field);
          case "text" -> text = text(p, field);
          case "refusal" -> refusal = text(p, field);
          case "logprobs" -> {
            if (logprobs != null) {
              entries = logprobs.read(p, field);
            } else {
              p.skipChildren(); // not asked for: the caller expects none
            }
          }
          default -> p.skipChildren();
        }
      }
      if ("output_text".equals(type)) {
        if (text != null) {
          out.text.append(text);
        }
        entries = ResponsesWire.carriedLogprobs(text, entries);
        if (entries != null) {
          if (out.logprobs == null) {
            out.logprobs = new ArrayList<>(entries.size());
          }
          out.logprobs.addAll(entries);
        }
      } else if ("refusal".equals(type) && refusal != null) {
        out.text.append(refusal);
        out.refusal = out.refusal == null ? new StringBuilder() : out.refusal;
        out.refusal.append(refusal);
      } else if (("reasoning_text".equals(type) || "summary_text".equals(type)) && text != null) {
        reasoning.add(text);
      }
    }
  }

  /**
   * A call's {@code arguments}: the JSON string exactly as sent (the documented shape, which may be
   * invalid JSON unless the tool is strict), {@code ""} for null. A server that sends an object
   * instead has it written as compact JSON text, keys in the order received, so the call reads the
   * same either way.
   */
  static String arguments(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }
}
