package dev.nexttoken.openai.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.core.JsonParser;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.JsonScanner;
import dev.nexttoken.wire.openai.WireUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A {@code /v1/completions} answer or stream chunk: read by a {@link JsonScanner} when it is what
 * OpenAI sends (parallel {@code tokens} / {@code token_logprobs} / {@code top_logprobs} /
 * {@code text_offset} arrays), else by databind into {@link CompletionResponse} as before.
 *
 * <p>Why: databind was 60% of a legacy call's client CPU (issue 20: boxed doubles and a map per
 * position are what the answer is, but databind adds a deserializer lookup and a property buffer
 * per object). The scan builds the same records, with the same values databind gives: the map of
 * alternatives in the order received (a repeated token keeps its first place and its last value),
 * nulls where the answer has nulls. It leaves to databind everything it does not cover: llama.cpp's
 * chat-style {@code content} entries, vLLM's {@code prompt_logprobs} and {@code prompt_token_ids},
 * and any value of a type databind would coerce. {@code CompletionResponseReaderTest} compares the two.
 */
public final class CompletionResponseReader implements Json.Reader<CompletionResponse> {
  private static final byte[] ID = ascii("id");
  private static final byte[] MODEL = ascii("model");
  private static final byte[] FINGERPRINT = ascii("system_fingerprint");
  private static final byte[] CHOICES = ascii("choices");
  private static final byte[] USAGE = ascii("usage");
  private static final byte[] INDEX = ascii("index");
  private static final byte[] TEXT = ascii("text");
  private static final byte[] FINISH_REASON = ascii("finish_reason");
  private static final byte[] LOGPROBS = ascii("logprobs");
  private static final byte[] PROMPT_LOGPROBS = ascii("prompt_logprobs");
  private static final byte[] PROMPT_TOKEN_IDS = ascii("prompt_token_ids");
  private static final byte[] TOKENS = ascii("tokens");
  private static final byte[] TOKEN_LOGPROBS = ascii("token_logprobs");
  private static final byte[] TOP_LOGPROBS = ascii("top_logprobs");
  private static final byte[] TEXT_OFFSET = ascii("text_offset");
  private static final byte[] CONTENT = ascii("content");
  private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");
  private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");
  private static final byte[] TOTAL_TOKENS = ascii("total_tokens");
  private static final byte[] PROMPT_DETAILS = ascii("prompt_tokens_details");
  private static final byte[] COMPLETION_DETAILS = ascii("completion_tokens_details");
  private static final byte[] CACHED_TOKENS = ascii("cached_tokens");
  private static final byte[] REASONING_TOKENS = ascii("reasoning_tokens");

  private final JsonScanner.Scratch scratch = new JsonScanner.Scratch();

  private static byte[] ascii(String name) {
    return name.getBytes(US_ASCII);
  }

  /** Databind, as the answer was always read. */
  @Override
  public CompletionResponse read(JsonParser parser) throws IOException {
    return Json.mapper().readValue(parser, CompletionResponse.class);
  }

  @Override
  public CompletionResponse scan(byte[] utf8, int offset, int length) {
    JsonScanner s = new JsonScanner(utf8, offset, length, scratch);
    if (!s.beginObject()) {
      throw JsonScanner.giveUp(); // a null body: databind's answer (null) is not the scan's to give
    }
    String id = null;
    String model = null;
    String fingerprint = null;
    List<CompletionResponse.Choice> choices = null;
    WireUsage usage = null;
    while (s.nextField()) {
      if (s.nameIs(ID)) {
        id = s.string();
      } else if (s.nameIs(MODEL)) {
        model = s.string();
      } else if (s.nameIs(FINGERPRINT)) {
        fingerprint = s.string();
      } else if (s.nameIs(CHOICES)) {
        choices = choices(s);
      } else if (s.nameIs(USAGE)) {
        usage = usage(s);
      } else {
        s.skipValue();
      }
    }
    s.finish();
    return new CompletionResponse(id, model, fingerprint, choices, usage);
  }

  private static List<CompletionResponse.Choice> choices(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    List<CompletionResponse.Choice> choices = new ArrayList<>(1);
    while (s.nextElement()) {
      choices.add(choice(s));
    }
    return choices;
  }

  private static CompletionResponse.Choice choice(JsonScanner s) {
    if (!s.beginObject()) {
      throw JsonScanner.giveUp(); // a null choice: databind's
    }
    int index = 0;
    String text = null;
    String finish = null;
    CompletionResponse.Logprobs logprobs = null;
    while (s.nextField()) {
      if (s.nameIs(INDEX)) {
        Integer value = s.integer();
        index = value == null ? 0 : value; // databind: null is 0 for an int
      } else if (s.nameIs(TEXT)) {
        text = s.string();
      } else if (s.nameIs(FINISH_REASON)) {
        finish = s.string();
      } else if (s.nameIs(LOGPROBS)) {
        logprobs = logprobs(s);
      } else if (s.nameIs(PROMPT_LOGPROBS) || s.nameIs(PROMPT_TOKEN_IDS)) {
        if (!s.nextIsNull()) {
          throw JsonScanner.giveUp(); // vLLM's prompt scoring: databind's
        }
      } else {
        s.skipValue();
      }
    }
    return new CompletionResponse.Choice(index, text, finish, logprobs, null, null);
  }

  private static CompletionResponse.Logprobs logprobs(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    List<String> tokens = null;
    List<Double> tokenLogprobs = null;
    List<Map<String, Double>> top = null;
    int[] offsets = null;
    while (s.nextField()) {
      if (s.nameIs(TOKENS)) {
        tokens = strings(s);
      } else if (s.nameIs(TOKEN_LOGPROBS)) {
        tokenLogprobs = numbers(s);
      } else if (s.nameIs(TOP_LOGPROBS)) {
        top = maps(s);
      } else if (s.nameIs(TEXT_OFFSET)) {
        offsets = ints(s);
      } else if (s.nameIs(CONTENT)) {
        if (!s.nextIsNull()) {
          throw JsonScanner.giveUp(); // llama.cpp's chat-style entries: databind's
        }
      } else {
        s.skipValue();
      }
    }
    return new CompletionResponse.Logprobs(tokens, tokenLogprobs, top, offsets, null);
  }

  private static List<String> strings(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    while (s.nextElement()) {
      out.add(s.string());
    }
    return out;
  }

  private static List<Double> numbers(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    while (s.nextElement()) {
      double value = s.number(Double.NaN); // NaN: null (JSON has no NaN)
      out.add(Double.isNaN(value) ? null : value);
    }
    return out;
  }

  private static List<Map<String, Double>> maps(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    List<Map<String, Double>> out = new ArrayList<>();
    while (s.nextElement()) {
      if (!s.beginObject()) {
        out.add(null); // the first echoed prompt token has none
        continue;
      }
      LegacyAlternatives alternatives = new LegacyAlternatives();
      while (s.nextField()) {
        String token = s.fieldName();
        if (!alternatives.add(token, s.number(Double.NaN))) {
          throw JsonScanner.giveUp(); // more than a legacy answer sends: databind's
        }
      }
      out.add(alternatives);
    }
    return out;
  }

  private static int[] ints(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    int[] out = new int[16];
    int n = 0;
    while (s.nextElement()) {
      Integer value = s.integer();
      if (value == null) {
        throw JsonScanner.giveUp(); // a null in an int array: databind's
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = value;
    }
    return Arrays.copyOf(out, n);
  }

  /** As {@link WireUsage}'s databind creator reads it: both details' fields are read, one of each kept. */
  private static WireUsage usage(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    Integer prompt = null;
    Integer completion = null;
    Integer total = null;
    Integer cached = null;
    Integer reasoning = null;
    while (s.nextField()) {
      if (s.nameIs(PROMPT_TOKENS)) {
        prompt = s.integer();
      } else if (s.nameIs(COMPLETION_TOKENS)) {
        completion = s.integer();
      } else if (s.nameIs(TOTAL_TOKENS)) {
        total = s.integer();
      } else if (s.nameIs(PROMPT_DETAILS)) {
        cached = details(s, true);
      } else if (s.nameIs(COMPLETION_DETAILS)) {
        reasoning = details(s, false);
      } else {
        s.skipValue();
      }
    }
    return new WireUsage(prompt, completion, total, cached, reasoning);
  }

  /** A details object's cached tokens (or its reasoning tokens), its other counts read and checked as databind reads them. */
  private static Integer details(JsonScanner s, boolean cachedTokens) {
    if (!s.beginObject()) {
      return null;
    }
    Integer cached = null;
    Integer reasoning = null;
    while (s.nextField()) {
      if (s.nameIs(CACHED_TOKENS)) {
        cached = s.integer();
      } else if (s.nameIs(REASONING_TOKENS)) {
        reasoning = s.integer();
      } else {
        s.skipValue();
      }
    }
    return cachedTokens ? cached : reasoning;
  }
}
