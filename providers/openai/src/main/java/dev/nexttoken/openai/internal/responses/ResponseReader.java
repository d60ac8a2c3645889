package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonValues.integer;
import static dev.nexttoken.spi.JsonValues.integerIn;
import static dev.nexttoken.spi.JsonValues.startObject;
import static dev.nexttoken.spi.JsonValues.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.Usage;
import dev.nexttoken.spi.Json;
import java.io.IOException;

/**
 * Reads a Responses {@code Response} object with jackson-core (the body of a blocking call, or the
 * {@code response} of a stream event), the way {@code ChatResponseReader} reads chat answers: one
 * pass, fields in any order, unknown fields and item types skipped.
 *
 * <p>The {@code output} items are {@link OutputReader}'s. With {@code withOutput} false (a stream's
 * terminal event, whose text and reasoning were already streamed) only their calls are read.
 */
final class ResponseReader implements Json.Reader<WireResponse> {
  private final OutputReader items;

  /**
   * @param logprobs what the request asked for: logprobs are read only then
   * @param withOutput whether to read the output's text, logprobs and reasoning (its calls are always read)
   */
  ResponseReader(LogprobsOption logprobs, boolean withOutput) {
    this.items = new OutputReader(logprobs.enabled() ? new LogprobsReader(logprobs.topLogprobs()) : null, withOutput);
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
    OutputReader.Output output = new OutputReader.Output();
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
        case "output" -> items.read(p, output);
        case "error" -> error = error(p, field);
        case "incomplete_details" -> incomplete = reason(p);
        case "usage" -> usage = usage(p);
        default -> p.skipChildren();
      }
    }
    return new WireResponse(id, model, status, output.text.toString(), output.refusal == null ? null : output.refusal.toString(),
        output.logprobs, output.calls, output.reasoning == null ? null : output.reasoning.toString(), error, incomplete, usage);
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
