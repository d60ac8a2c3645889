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
import dev.nexttoken.spi.JsonScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Reads a Responses {@code Response} object with jackson-core (the body of a blocking call, or the
 * {@code response} of a stream event), the way {@code ChatResponseReader} reads chat answers: one
 * pass, fields in any order, unknown fields and item types skipped.
 *
 * <p>The {@code output} items are {@link OutputReader}'s. With {@code withOutput} false (a stream's
 * terminal event, whose text and reasoning were already streamed) only their calls are read.
 */
final class ResponseReader implements Json.Reader<WireResponse> {
  private static final String FUNCTION_CALL = "function_call";
  private static final byte[] ID = ascii("id");
  private static final byte[] MODEL = ascii("model");
  private static final byte[] STATUS = ascii("status");
  private static final byte[] OUTPUT = ascii("output");
  private static final byte[] ERROR = ascii("error");
  private static final byte[] INCOMPLETE_DETAILS = ascii("incomplete_details");
  private static final byte[] USAGE = ascii("usage");
  private static final byte[] TYPE = ascii("type");
  private static final byte[] CALL_ID = ascii("call_id");
  private static final byte[] NAME = ascii("name");
  private static final byte[] CODE = ascii("code");
  private static final byte[] MESSAGE = ascii("message");
  private static final byte[] REASON = ascii("reason");
  private static final byte[] INPUT_TOKENS = ascii("input_tokens");
  private static final byte[] OUTPUT_TOKENS = ascii("output_tokens");
  private static final byte[] TOTAL_TOKENS = ascii("total_tokens");
  private static final byte[] INPUT_DETAILS = ascii("input_tokens_details");
  private static final byte[] OUTPUT_DETAILS = ascii("output_tokens_details");
  private static final byte[] CACHED_TOKENS = ascii("cached_tokens");
  private static final byte[] REASONING_TOKENS = ascii("reasoning_tokens");

  private final OutputReader items;
  private final boolean withOutput;

  /**
   * @param logprobs what the request asked for: logprobs are read only then
   * @param withOutput whether to read the output's text, logprobs and reasoning (its calls are always read)
   */
  ResponseReader(LogprobsOption logprobs, boolean withOutput) {
    this.items = new OutputReader(logprobs.enabled() ? new LogprobsReader(logprobs.topLogprobs()) : null, withOutput);
    this.withOutput = withOutput;
  }

  private static byte[] ascii(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
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

  /**
   * {@link #object}, by the byte scanner, for a reader without output: the response of a stream's
   * terminal event, whose {@code output} repeats the whole answer with every logprob (0.95 MB for
   * 2,000 tokens with 5 alternatives), is passed over without being tokenized, which was a quarter
   * of the Responses stream's CPU (issue 20). A {@code function_call} item (whose arguments the
   * parser path copies as sent) is {@link JsonScanner#giveUp given up}, as is any value the parser
   * path would coerce, so what this returns is what {@link #object} returns.
   */
  WireResponse scan(JsonScanner s) {
    if (withOutput) {
      throw new IllegalStateException("the scan reads no output: only for a reader without output");
    }
    if (!s.beginObject()) {
      return null;
    }
    String id = null;
    String model = null;
    String status = null;
    WireResponse.WireError error = null;
    String incomplete = null;
    Usage usage = null;
    while (s.nextField()) {
      if (s.nameIs(ID)) {
        id = s.string();
      } else if (s.nameIs(MODEL)) {
        model = s.string();
      } else if (s.nameIs(STATUS)) {
        status = s.string();
      } else if (s.nameIs(OUTPUT)) {
        passOver(s);
      } else if (s.nameIs(ERROR)) {
        error = error(s);
      } else if (s.nameIs(INCOMPLETE_DETAILS)) {
        incomplete = reason(s);
      } else if (s.nameIs(USAGE)) {
        usage = usage(s);
      } else {
        s.skipValue();
      }
    }
    return new WireResponse(id, model, status, "", null, null, new ArrayList<>(0), null, error, incomplete, usage);
  }

  /**
   * The output items, with nothing to read on this route but calls: each is checked as
   * {@link OutputReader} checks it (an object or null; its {@code type}, {@code call_id} and
   * {@code name} text), and a function call is left to the parser path.
   */
  private static void passOver(JsonScanner s) {
    if (!s.beginArray()) {
      return;
    }
    while (s.nextElement()) {
      if (!s.beginObject()) {
        continue;
      }
      String type = null;
      while (s.nextField()) {
        if (s.nameIs(TYPE)) {
          type = s.string();
        } else if (s.nameIs(CALL_ID) || s.nameIs(NAME)) {
          s.string();
        } else {
          s.skipValue();
        }
      }
      if (FUNCTION_CALL.equals(type)) {
        throw JsonScanner.giveUp();
      }
    }
  }

  private static WireResponse.WireError error(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    String code = null;
    String message = null;
    while (s.nextField()) {
      if (s.nameIs(CODE)) {
        code = s.string();
      } else if (s.nameIs(MESSAGE)) {
        message = s.string();
      } else {
        s.skipValue();
      }
    }
    return new WireResponse.WireError(code, message);
  }

  private static String reason(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    String reason = null;
    while (s.nextField()) {
      if (s.nameIs(REASON)) {
        reason = s.string();
      } else {
        s.skipValue();
      }
    }
    return reason;
  }

  private static Usage usage(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    Integer input = null;
    Integer output = null;
    Integer total = null;
    Integer cached = null;
    Integer reasoning = null;
    while (s.nextField()) {
      if (s.nameIs(INPUT_TOKENS)) {
        input = s.integer();
      } else if (s.nameIs(OUTPUT_TOKENS)) {
        output = s.integer();
      } else if (s.nameIs(TOTAL_TOKENS)) {
        total = s.integer();
      } else if (s.nameIs(INPUT_DETAILS)) {
        cached = s.integerIn(CACHED_TOKENS);
      } else if (s.nameIs(OUTPUT_DETAILS)) {
        reasoning = s.integerIn(REASONING_TOKENS);
      } else {
        s.skipValue();
      }
    }
    return usage(input, output, total, cached, reasoning);
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
    return usage(input, output, total, cached, reasoning);
  }

  /** The usage read, its total computed when only it is missing. */
  private static Usage usage(Integer input, Integer output, Integer total, Integer cached, Integer reasoning) {
    return new Usage(input, output, total == null && input != null && output != null ? input + output : total, cached, reasoning);
  }
}
