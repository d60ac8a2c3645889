package dev.nexttoken.wire.openai;

import static dev.nexttoken.spi.JsonValues.bytes;
import static dev.nexttoken.spi.JsonValues.integer;
import static dev.nexttoken.spi.JsonValues.integerIn;
import static dev.nexttoken.spi.JsonValues.number;
import static dev.nexttoken.spi.JsonValues.requireElement;
import static dev.nexttoken.spi.JsonValues.startArray;
import static dev.nexttoken.spi.JsonValues.startObject;
import static dev.nexttoken.spi.JsonValues.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import dev.nexttoken.spi.Json;
import dev.nexttoken.spi.JsonScanner;
import dev.nexttoken.spi.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a chat completion or one of its stream chunks with jackson-core, building the neutral
 * logprobs directly.
 *
 * <p>Why by hand: this is the hot path of every chat call and every stream chunk, and databind with
 * record creators spent ~80% of a call's client CPU here (a property buffer per logprob entry, a
 * boxed logprob, a generic {@code byte[]} deserializer, an intermediate wire object per entry). This
 * reader walks the document once, skips what it does not need (unknown fields, and the whole
 * {@code logprobs} object when the caller did not ask for logprobs), and accepts what databind
 * accepted: nulls anywhere, fields in any order, scalars coerced.
 *
 * <p>Every choice is read, each with its {@code index} (a choice without one counts as index 0):
 * with {@code n > 1} a blocking answer holds them all and stream chunks interleave them, each chunk
 * naming its own. Tool calls are read with their {@code arguments} as the text received, reasoning
 * from {@code reasoning_content} or {@code reasoning}.
 *
 * <p>llama.cpp's additions are read whenever present: token {@code id}s, the linear
 * {@code prob} / {@code top_probs} it sends instead of {@code logprob} / {@code top_logprobs} under
 * {@code post_sampling_probs}, and {@code timings.cache_n} (the prompt tokens it reused from its KV
 * cache, the figure newer builds also send as {@code usage.prompt_tokens_details.cached_tokens}) as
 * the cached tokens of a usage object that has no details of its own; timings without usage add none.
 * A value no probability can have (a positive logprob, a prob above 1) makes the response malformed.
 */
public final class ChatResponseReader implements Json.Reader<ChatResponse> {
  /** Writes the arguments an object-sending server gives as text; thread-safe. */
  private static final JsonFactory GENERATORS = new JsonFactory();
  private final LogprobsOption logprobs;
  private final boolean strictAlternatives;
  private final JsonValues.Scratch scratch = new JsonValues.Scratch();
  /** The fast path over a document in memory ({@link #scan}); it shares nothing with this reader but the options. */
  private final ChatResponseScanner scanner;
  private final JsonScanner.Scratch scannerScratch = new JsonScanner.Scratch();
  /** Stream chunks: a non-null top-level "error" throws {@link EventMapper.ErrorMember} (see ChatChunkMapper). */
  private final boolean reportErrorMember;
  /** The last answer's id, model and fingerprint: a stream repeats them in every chunk, so they are reused. */
  private String lastId;
  private String lastModel;
  private String lastFingerprint;

  /**
   * A reader keeping logprobs only when {@code logprobs} asks for them, with at most its k
   * alternatives; {@code dialect} says whether an alternative without a probability is an error.
   */
  public ChatResponseReader(LogprobsOption logprobs, ChatDialect dialect) {
    this(logprobs, dialect, false);
  }

  /**
   * The same; with {@code reportErrorMember}, a non-null top-level {@code "error"} throws
   * {@link EventMapper.ErrorMember}, for a stream's mapper that {@link EventMapper#reportsErrorMember()}.
   */
  ChatResponseReader(LogprobsOption logprobs, ChatDialect dialect, boolean reportErrorMember) {
    this.logprobs = logprobs;
    this.strictAlternatives = dialect.strictAlternatives();
    this.reportErrorMember = reportErrorMember;
    this.scanner = new ChatResponseScanner(logprobs);
  }

  /** The same answer, read by {@link ChatResponseScanner} when it covers the document (see there). */
  @Override
  public ChatResponse scan(byte[] utf8, int offset, int length) {
    return scanner.read(new JsonScanner(utf8, offset, length, scannerScratch));
  }

  @Override
  public ChatResponse read(JsonParser p) throws IOException {
    if (p.nextToken() == null) {
      return null;
    }
    if (!startObject(p, "the response")) {
      return null;
    }
    String id = null;
    String model = null;
    String fingerprint = null;
    List<ChatResponse.Choice> choices = List.of();
    WireUsage usage = null;
    Integer cacheN = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = lastId = JsonValues.text(p, field, lastId);
        case "model" -> model = lastModel = JsonValues.text(p, field, lastModel);
        case "system_fingerprint" -> fingerprint = lastFingerprint = JsonValues.text(p, field, lastFingerprint);
        case "choices" -> choices = choices(p);
        case "usage" -> usage = usage(p);
        case "timings" -> cacheN = cacheN(p); // llama.cpp's
        case "error" -> {
          if (reportErrorMember && p.currentToken() != JsonToken.VALUE_NULL) {
            throw new EventMapper.ErrorMember();
          }
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    if (usage != null) {
      usage = usage.withCachedFallback(cacheN);
    }
    return new ChatResponse(id, model, fingerprint, choices, usage);
  }

  /** Every choice, in the order received; empty for none (the usage chunk). */
  private List<ChatResponse.Choice> choices(JsonParser p) throws IOException {
    if (!startArray(p, "choices")) {
      return List.of();
    }
    ChatResponse.Choice first = null;
    List<ChatResponse.Choice> more = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      ChatResponse.Choice choice = choice(p);
      if (choice == null) {
        continue;
      }
      if (first == null) {
        first = choice; // a chunk has one choice: no list grown for it
      } else {
        if (more == null) {
          more = new ArrayList<>();
          more.add(first);
        }
        more.add(choice);
      }
    }
    return more != null ? more : first != null ? List.of(first) : List.of();
  }

  private ChatResponse.Choice choice(JsonParser p) throws IOException {
    if (!startObject(p, "choices[]")) {
      return null;
    }
    int index = 0;
    ChatResponse.Message message = null;
    ChatResponse.Message delta = null;
    ChatResponse.Logprobs wire = null;
    String finish = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "index" -> {
          Integer value = integer(p, field);
          index = value == null ? 0 : value;
        }
        case "message" -> message = message(p, field);
        case "delta" -> delta = message(p, field);
        case "finish_reason" -> finish = text(p, field);
        case "logprobs" -> {
          if (logprobs.enabled()) {
            wire = logprobs(p);
          } else {
            p.skipChildren(); // a server may send logprobs nobody asked for: the caller expects none
          }
        }
        default -> p.skipChildren();
      }
    }
    return new ChatResponse.Choice(index, message, delta, wire, finish);
  }

  private static ChatResponse.Message message(JsonParser p, String name) throws IOException {
    if (!startObject(p, name)) {
      return null;
    }
    String role = null;
    String content = null;
    String refusal = null;
    String reasoning = null;
    List<ChatResponse.ToolCallPart> calls = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "role" -> role = text(p, field);
        case "content" -> content = text(p, field);
        case "refusal" -> refusal = text(p, field);
        // vLLM has sent the same text under both names: the first one given counts, never both.
        case "reasoning_content", "reasoning" -> {
          String value = text(p, field);
          reasoning = reasoning == null ? value : reasoning;
        }
        case "tool_calls" -> calls = toolCalls(p);
        default -> p.skipChildren();
      }
    }
    return new ChatResponse.Message(role, content, refusal, reasoning, calls);
  }

  private static List<ChatResponse.ToolCallPart> toolCalls(JsonParser p) throws IOException {
    if (!startArray(p, "tool_calls")) {
      return null;
    }
    List<ChatResponse.ToolCallPart> calls = new ArrayList<>(2);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      requireElement(p, "tool_calls");
      Integer index = null;
      String id = null;
      String name = null;
      String arguments = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "index" -> index = integer(p, "tool_calls[].index");
          case "id" -> id = text(p, "tool_calls[].id");
          case "function" -> {
            if (startObject(p, "tool_calls[].function")) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                  case "name" -> name = text(p, "tool_calls[].function.name");
                  case "arguments" -> arguments = arguments(p);
                  default -> p.skipChildren();
                }
              }
            }
          }
          default -> p.skipChildren();
        }
      }
      calls.add(new ChatResponse.ToolCallPart(index, id, name, arguments));
    }
    return calls;
  }

  /**
   * {@code function.arguments}: the string as sent, which OpenAI documents; an object or array
   * (sent by some compatible servers) as compact JSON text, keys in the order received.
   */
  private static String arguments(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return text(p, "tool_calls[].function.arguments");
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = GENERATORS.createGenerator(out)) {
      g.copyCurrentStructure(p);
    }
    return out.toString();
  }

  private ChatResponse.Logprobs logprobs(JsonParser p) throws IOException {
    if (!startObject(p, "logprobs")) {
      return null;
    }
    List<TokenLogprob> content = null;
    List<TokenLogprob> refusal = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "content" -> content = entries(p, field);
        case "refusal" -> refusal = entries(p, field);
        default -> p.skipChildren();
      }
    }
    return new ChatResponse.Logprobs(content, refusal);
  }

  private List<TokenLogprob> entries(JsonParser p, String name) throws IOException {
    if (!startArray(p, name)) {
      return null;
    }
    // A stream chunk holds one entry: keep it in an immutable one-element list, which the neutral
    // Chunk then keeps as it is instead of copying.
    TokenLogprob first = null;
    List<TokenLogprob> more = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      TokenLogprob entry = entry(p, name);
      if (first == null) {
        first = entry;
      } else {
        if (more == null) {
          more = new ArrayList<>();
          more.add(first);
        }
        more.add(entry);
      }
    }
    return more != null ? more : first != null ? List.of(first) : List.of();
  }

  /**
   * One {@code ChatCompletionTokenLogprob}: the chosen token and its alternatives. The field loop is
   * the same as {@link #alternative}'s on purpose: sharing it would need a holder object per entry
   * (or fields an alternative read in the middle of an entry would overwrite), on the path read 384
   * times per chat answer.
   */
  private TokenLogprob entry(JsonParser p, String name) throws IOException {
    requireElement(p, name); // a null entry would shift every position after it
    String token = null;
    byte[] bytes = null;
    Integer id = null;
    Double logprob = null;
    Double prob = null;
    List<TokenCandidate> top = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "token" -> token = text(p, field);
        case "bytes" -> bytes = bytes(p, field, scratch);
        case "logprob" -> logprob = number(p, field);
        case "id" -> id = integer(p, field); // never sent by OpenAI, sent by llama.cpp
        case "top_logprobs", "top_probs" -> top = alternatives(p, field);
        case "prob" -> prob = number(p, field); // llama.cpp's post_sampling_probs
        default -> p.skipChildren();
      }
    }
    // The end-of-sequence token (token "", bytes []) is kept: its probability is that of stopping.
    Double neutral = null;
    if (logprob != null) {
      neutral = neutral(p, logprob, Double.NaN);
    } else if (prob != null) {
      neutral = neutral(p, Double.NaN, prob);
    }
    return new TokenLogprob(token == null ? "" : token, bytes, id, neutral, top);
  }

  /** The alternatives of one position, ranked, at most k; entries without a logprob are left out. */
  private List<TokenCandidate> alternatives(JsonParser p, String name) throws IOException {
    if (!startArray(p, name)) {
      return List.of();
    }
    int k = logprobs.topLogprobs();
    if (k == 0) {
      // None wanted (compatible servers are asked for one even so): not read, so not checked either.
      p.skipChildren();
      return List.of();
    }
    TokenCandidate[] all = new TokenCandidate[Math.min(Math.max(k, 1), 8)]; // k may be unlimited
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      TokenCandidate candidate = alternative(p, name);
      if (candidate != null) {
        if (n == all.length) {
          all = java.util.Arrays.copyOf(all, n * 2);
        }
        all[n++] = candidate;
      }
    }
    return Alternatives.ranked(all, n, k);
  }

  private TokenCandidate alternative(JsonParser p, String name) throws IOException {
    requireElement(p, name);
    String token = null;
    byte[] bytes = null;
    Integer id = null;
    double logprob = Double.NaN; // NaN: absent or null
    double prob = Double.NaN;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "token" -> token = text(p, field);
        case "bytes" -> bytes = JsonValues.bytesToCopy(p, field, scratch); // TokenCandidate copies it at once
        case "logprob" -> logprob = number(p, field, Double.NaN);
        case "id" -> id = integer(p, field);
        case "prob" -> prob = number(p, field, Double.NaN);
        default -> p.skipChildren();
      }
    }
    if (Double.isNaN(logprob) && Double.isNaN(prob)) {
      if (strictAlternatives) {
        throw new JsonParseException(p, "an alternative of a token in " + name + " has neither logprob nor prob");
      }
      return null; // tolerant dialects leave it out: it says nothing
    }
    return new TokenCandidate(token == null ? "" : token, bytes, id, neutral(p, logprob, prob));
  }

  /**
   * A provider's value as a neutral logprob: {@code logprob} when it is a number (sentinels become
   * -infinity), else the linear {@code prob}. An impossible value is the response's fault, so it
   * fails as a parse error naming it, which {@link Json} reports as a malformed response.
   */
  private static double neutral(JsonParser p, double logprob, double prob) throws IOException {
    try {
      return Double.isNaN(logprob) ? Logprobs.fromProbability(prob) : Logprobs.fromProviderLogprob(logprob);
    } catch (IllegalArgumentException e) {
      throw new JsonParseException(p, "unexpected token probability: " + e.getMessage());
    }
  }

  private static WireUsage usage(JsonParser p) throws IOException {
    if (!startObject(p, "usage")) {
      return null;
    }
    Integer prompt = null;
    Integer completion = null;
    Integer total = null;
    Integer cached = null;
    Integer reasoning = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "prompt_tokens" -> prompt = integer(p, field);
        case "completion_tokens" -> completion = integer(p, field);
        case "total_tokens" -> total = integer(p, field);
        case "prompt_tokens_details" -> cached = integerIn(p, field, "cached_tokens");
        case "completion_tokens_details" -> reasoning = integerIn(p, field, "reasoning_tokens");
        default -> p.skipChildren();
      }
    }
    return new WireUsage(prompt, completion, total, cached, reasoning);
  }

  /**
   * llama.cpp's {@code timings.cache_n}, or null. Timings are diagnostics the answer was read without
   * before: one of an unexpected shape is skipped, never an error.
   */
  private static Integer cacheN(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Integer value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("cache_n") && t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        value = p.getIntValue();
      } else {
        p.skipChildren();
      }
    }
    return value;
  }
}
