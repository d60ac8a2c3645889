package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonValues.integer;
import static dev.nexttoken.spi.JsonValues.integerIn;
import static dev.nexttoken.spi.JsonValues.startArray;
import static dev.nexttoken.spi.JsonValues.startObject;
import static dev.nexttoken.spi.JsonValues.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Responses {@code Response} object with jackson-core (the body of a blocking call, or the
 * {@code response} of a stream event), the way {@code ChatResponseReader} reads chat answers: one
 * pass, fields in any order, unknown fields and item types skipped.
 *
 * <p>Output items are told apart by {@code type}, never by position (a reasoning model puts a
 * {@code reasoning} item first). Of a {@code message} item the {@code output_text} parts give the
 * text and logprobs and the {@code refusal} parts the refusal; a {@code function_call} item is
 * counted, not read (tools are not mapped yet); every other item ({@code reasoning}, hosted tool
 * calls) is skipped. With {@code withOutput} false (a stream's terminal event, whose text was
 * already streamed) the items are only counted, their content skipped unread.
 */
final class ResponseReader implements Json.Reader<WireResponse> {
  private final boolean withOutput;
  private final LogprobsReader logprobs;

  /**
   * @param logprobs what the request asked for: logprobs are read only then
   * @param withOutput whether to read the output's text and logprobs
   */
  ResponseReader(LogprobsOption logprobs, boolean withOutput) {
    this.withOutput = withOutput;
    this.logprobs = logprobs.enabled() ? new LogprobsReader(logprobs.topLogprobs()) : null;
  }

  @Override
  public WireResponse read(JsonParser p) throws IOException {
    if (p.nextToken() == null) {
      return null;
    }
    return object(p, "the response");
  }

  /** The response object the parser is on, or null for a JSON null. */
  WireResponse object(JsonParser p, String name) throws IOException {
    if (!startObject(p, name)) {
      return null;
    }
    String id = null;
    String model = null;
    String status = null;
    Output output = new Output();
    WireResponse.WireError error = null;
    String incomplete = null;
    Usage usage = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = text(p, field);
        case "model" -> model = text(p, field);
        case "status" -> status = text(p, field);
        case "output" -> output(p, output);
        case "error" -> error = error(p, field);
        case "incomplete_details" -> incomplete = reason(p);
        case "usage" -> usage = usage(p);
        default -> p.skipChildren();
      }
    }
    return new WireResponse(id, model, status, output.text.toString(), output.refusal == null ? null : output.refusal.toString(),
        output.logprobs, output.functionCalls, error, incomplete, usage);
  }

  /** What the output items add up to. */
  private static final class Output {
    final StringBuilder text = new StringBuilder();
    StringBuilder refusal;
    List<TokenLogprob> logprobs;
    int functionCalls;
  }

  private void output(JsonParser p, Output out) throws IOException {
    if (!startArray(p, "output")) {
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (!startObject(p, "output[]")) {
        continue;
      }
      String type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type" -> {
            type = text(p, field);
            if ("function_call".equals(type)) {
              out.functionCalls++;
            }
          }
          // Parts of any item are read: only a message has "content" with output_text or refusal parts
          // (a reasoning item's content holds reasoning_text, which parts() skips).
          case "content" -> {
            if (withOutput && !"reasoning".equals(type)) {
              parts(p, out);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
    }
  }

  private void parts(JsonParser p, Output out) throws IOException {
    if (!startArray(p, "content")) {
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (!startObject(p, "content[]")) {
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
        if (out.refusal == null) {
          out.refusal = new StringBuilder();
        }
        out.refusal.append(refusal);
      }
    }
  }

  /** {@code {code, message}}, or null; also read by the stream's {@code error} events. */
  static WireResponse.WireError error(JsonParser p, String name) throws IOException {
    if (!startObject(p, name)) {
      return null;
    }
    String code = null;
    String message = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "code" -> code = text(p, field);
        case "message" -> message = text(p, field);
        default -> p.skipChildren();
      }
    }
    return new WireResponse.WireError(code, message);
  }

  private static String reason(JsonParser p) throws IOException {
    if (!startObject(p, "incomplete_details")) {
      return null;
    }
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("reason")) {
        reason = text(p, field);
      } else {
        p.skipChildren();
      }
    }
    return reason;
  }

  /** {@code ResponseUsage}; a count left out stays null, the total is computed when only it is missing. */
  private static Usage usage(JsonParser p) throws IOException {
    if (!startObject(p, "usage")) {
      return null;
    }
    Integer input = null;
    Integer output = null;
    Integer total = null;
    Integer cached = null;
    Integer reasoning = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "input_tokens" -> input = integer(p, field);
        case "output_tokens" -> output = integer(p, field);
        case "total_tokens" -> total = integer(p, field);
        case "input_tokens_details" -> cached = integerIn(p, field, "cached_tokens");
        case "output_tokens_details" -> reasoning = integerIn(p, field, "reasoning_tokens");
        default -> p.skipChildren();
      }
    }
    if (total == null && input != null && output != null) {
      total = input + output;
    }
    return new Usage(input, output, total, cached, reasoning);
  }
}
