package dev.nexttoken.wire.openai;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.nexttoken.LogprobsOption;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.JsonScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ChatResponseReader}'s fast path: the same chat completion or stream chunk read with a
 * {@link JsonScanner} instead of jackson-core, field for field as the reader reads it (issue 20:
 * jackson-core's tokenizer was most of a stream chunk's CPU).
 *
 * <p>It covers what answers are made of (ids, choices, deltas and messages with text, refusal and
 * reasoning, logprobs, usage) and leaves the rest to the reader by throwing
 * {@link JsonScanner.Unhandled}: tool calls, llama.cpp's {@code timings}, a top-level {@code error},
 * any value of a type the reader would coerce, an alternative without a probability (which the
 * reader rejects or leaves out, per dialect), an impossible probability (which it rejects with a
 * message). So every answer it returns is the one the reader returns; {@code ChatResponseScannerTest}
 * compares the two on every shape.
 */
final class ChatResponseScanner {
  private static final byte[] ID = ascii("id");
  private static final byte[] MODEL = ascii("model");
  private static final byte[] FINGERPRINT = ascii("system_fingerprint");
  private static final byte[] CHOICES = ascii("choices");
  private static final byte[] USAGE = ascii("usage");
  private static final byte[] TIMINGS = ascii("timings");
  private static final byte[] ERROR = ascii("error");
  private static final byte[] INDEX = ascii("index");
  private static final byte[] MESSAGE = ascii("message");
  private static final byte[] DELTA = ascii("delta");
  private static final byte[] FINISH_REASON = ascii("finish_reason");
  private static final byte[] LOGPROBS = ascii("logprobs");
  private static final byte[] ROLE = ascii("role");
  private static final byte[] CONTENT = ascii("content");
  private static final byte[] REFUSAL = ascii("refusal");
  private static final byte[] REASONING_CONTENT = ascii("reasoning_content");
  private static final byte[] REASONING = ascii("reasoning");
  private static final byte[] TOOL_CALLS = ascii("tool_calls");
  private static final byte[] TOKEN = ascii("token");
  private static final byte[] BYTES = ascii("bytes");
  private static final byte[] LOGPROB = ascii("logprob");
  private static final byte[] TOP_LOGPROBS = ascii("top_logprobs");
  private static final byte[] TOP_PROBS = ascii("top_probs");
  private static final byte[] PROB = ascii("prob");
  private static final byte[] PROMPT_TOKENS = ascii("prompt_tokens");
  private static final byte[] COMPLETION_TOKENS = ascii("completion_tokens");
  private static final byte[] TOTAL_TOKENS = ascii("total_tokens");
  private static final byte[] PROMPT_DETAILS = ascii("prompt_tokens_details");
  private static final byte[] COMPLETION_DETAILS = ascii("completion_tokens_details");
  private static final byte[] CACHED_TOKENS = ascii("cached_tokens");
  private static final byte[] REASONING_TOKENS = ascii("reasoning_tokens");
  /** A token's own bytes are held in this slot while its alternatives' are read into the other. */
  private static final int TOKEN_SLOT = 0;
  private static final int ALTERNATIVE_SLOT = 1;

  private final LogprobsOption logprobs;
  /** The last answer's id, model and fingerprint, as the reader keeps them: reused when repeated. */
  private String lastId;
  private String lastModel;
  private String lastFingerprint;

  ChatResponseScanner(LogprobsOption logprobs) {
    this.logprobs = logprobs;
  }

  private static byte[] ascii(String name) {
    return name.getBytes(US_ASCII);
  }

  ChatResponse read(JsonScanner s) {
    if (!s.beginObject()) {
      throw JsonScanner.giveUp(); // a null body: the reader's answer (null) is not this fast path's to give
    }
    String id = null;
    String model = null;
    String fingerprint = null;
    List<ChatResponse.Choice> choices = List.of();
    WireUsage usage = null;
    while (s.nextField()) {
      if (s.nameIs(ID)) {
        id = lastId = s.string(lastId);
      } else if (s.nameIs(MODEL)) {
        model = lastModel = s.string(lastModel);
      } else if (s.nameIs(FINGERPRINT)) {
        fingerprint = lastFingerprint = s.string(lastFingerprint);
      } else if (s.nameIs(CHOICES)) {
        choices = choices(s);
      } else if (s.nameIs(USAGE)) {
        usage = usage(s);
      } else if (s.nameIs(TIMINGS) || s.nameIs(ERROR)) {
        throw JsonScanner.giveUp();
      } else {
        s.skipValue();
      }
    }
    s.finish();
    // No timings were read (they are left to the reader), so the cached-token fallback has nothing to add.
    return new ChatResponse(id, model, fingerprint, choices, usage);
  }

  private List<ChatResponse.Choice> choices(JsonScanner s) {
    if (!s.beginArray()) {
      return List.of();
    }
    ChatResponse.Choice first = null;
    List<ChatResponse.Choice> more = null;
    while (s.nextElement()) {
      ChatResponse.Choice choice = choice(s);
      if (choice == null) {
        continue;
      }
      if (first == null) {
        first = choice;
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

  private ChatResponse.Choice choice(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    int index = 0;
    ChatResponse.Message message = null;
    ChatResponse.Message delta = null;
    ChatResponse.Logprobs wire = null;
    String finish = null;
    while (s.nextField()) {
      if (s.nameIs(INDEX)) {
        Integer value = s.integer();
        index = value == null ? 0 : value;
      } else if (s.nameIs(MESSAGE)) {
        message = message(s);
      } else if (s.nameIs(DELTA)) {
        delta = message(s);
      } else if (s.nameIs(FINISH_REASON)) {
        finish = s.string();
      } else if (s.nameIs(LOGPROBS)) {
        if (logprobs.enabled()) {
          wire = logprobs(s);
        } else {
          s.skipValue();
        }
      } else {
        s.skipValue();
      }
    }
    return new ChatResponse.Choice(index, message, delta, wire, finish);
  }

  private static ChatResponse.Message message(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    String role = null;
    String content = null;
    String refusal = null;
    String reasoning = null;
    while (s.nextField()) {
      if (s.nameIs(ROLE)) {
        role = s.string();
      } else if (s.nameIs(CONTENT)) {
        content = s.string();
      } else if (s.nameIs(REFUSAL)) {
        refusal = s.string();
      } else if (s.nameIs(REASONING_CONTENT) || s.nameIs(REASONING)) {
        String value = s.string();
        reasoning = reasoning == null ? value : reasoning;
      } else if (s.nameIs(TOOL_CALLS)) {
        if (!s.nextIsNull()) {
          throw JsonScanner.giveUp(); // tool calls are left to the reader (arguments may be objects it writes out)
        }
      } else {
        s.skipValue();
      }
    }
    return new ChatResponse.Message(role, content, refusal, reasoning, null);
  }

  private ChatResponse.Logprobs logprobs(JsonScanner s) {
    if (!s.beginObject()) {
      return null;
    }
    List<TokenLogprob> content = null;
    List<TokenLogprob> refusal = null;
    while (s.nextField()) {
      if (s.nameIs(CONTENT)) {
        content = entries(s);
      } else if (s.nameIs(REFUSAL)) {
        refusal = entries(s);
      } else {
        s.skipValue();
      }
    }
    return new ChatResponse.Logprobs(content, refusal);
  }

  private List<TokenLogprob> entries(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    TokenLogprob first = null;
    List<TokenLogprob> more = null;
    while (s.nextElement()) {
      TokenLogprob entry = entry(s);
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

  private TokenLogprob entry(JsonScanner s) {
    if (!s.beginObject()) {
      throw JsonScanner.giveUp(); // a null entry: the reader rejects it
    }
    String token = null;
    byte[] bytes = null;
    Integer id = null;
    double logprob = Double.NaN; // NaN: absent or null (JSON has no NaN)
    double prob = Double.NaN;
    List<TokenCandidate> top = List.of();
    while (s.nextField()) {
      if (s.nameIs(TOKEN)) {
        token = s.string();
      } else if (s.nameIs(BYTES)) {
        bytes = s.bytesToCopy(TOKEN_SLOT); // TokenLogprob copies it, after the alternatives are read
      } else if (s.nameIs(LOGPROB)) {
        logprob = s.number(Double.NaN);
      } else if (s.nameIs(ID)) {
        id = s.integer();
      } else if (s.nameIs(TOP_LOGPROBS) || s.nameIs(TOP_PROBS)) {
        top = alternatives(s);
      } else if (s.nameIs(PROB)) {
        prob = s.number(Double.NaN);
      } else {
        s.skipValue();
      }
    }
    Double neutral = null;
    if (!Double.isNaN(logprob)) {
      neutral = neutral(logprob, Double.NaN);
    } else if (!Double.isNaN(prob)) {
      neutral = neutral(Double.NaN, prob);
    }
    return new TokenLogprob(token == null ? "" : token, bytes, id, neutral, top);
  }

  private List<TokenCandidate> alternatives(JsonScanner s) {
    if (!s.beginArray()) {
      return List.of();
    }
    int k = logprobs.topLogprobs();
    if (k == 0) {
      // None wanted: the reader skips them unread, so none are checked either.
      while (s.nextElement()) {
        s.skipValue();
      }
      return List.of();
    }
    TokenCandidate[] all = new TokenCandidate[Math.min(Math.max(k, 1), 8)];
    int n = 0;
    while (s.nextElement()) {
      TokenCandidate candidate = alternative(s);
      if (n == all.length) {
        all = java.util.Arrays.copyOf(all, n * 2);
      }
      all[n++] = candidate;
    }
    return Alternatives.ranked(all, n, k);
  }

  private static TokenCandidate alternative(JsonScanner s) {
    if (!s.beginObject()) {
      throw JsonScanner.giveUp(); // a null alternative: the reader rejects it
    }
    String token = null;
    byte[] bytes = null;
    Integer id = null;
    double logprob = Double.NaN;
    double prob = Double.NaN;
    while (s.nextField()) {
      if (s.nameIs(TOKEN)) {
        token = s.string();
      } else if (s.nameIs(BYTES)) {
        bytes = s.bytesToCopy(ALTERNATIVE_SLOT); // TokenCandidate copies it at once
      } else if (s.nameIs(LOGPROB)) {
        logprob = s.number(Double.NaN);
      } else if (s.nameIs(ID)) {
        id = s.integer();
      } else if (s.nameIs(PROB)) {
        prob = s.number(Double.NaN);
      } else {
        s.skipValue();
      }
    }
    if (Double.isNaN(logprob) && Double.isNaN(prob)) {
      throw JsonScanner.giveUp(); // the reader rejects it or leaves it out, per dialect
    }
    return new TokenCandidate(token == null ? "" : token, bytes, id, neutral(logprob, prob));
  }

  /** As the reader's: {@code logprob} when given, else the linear {@code prob}; an impossible value is the reader's to report. */
  private static double neutral(double logprob, double prob) {
    return Double.isNaN(logprob) ? Logprobs.fromProbability(prob) : Logprobs.fromProviderLogprob(logprob);
  }

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
        cached = s.integerIn(CACHED_TOKENS);
      } else if (s.nameIs(COMPLETION_DETAILS)) {
        reasoning = s.integerIn(REASONING_TOKENS);
      } else {
        s.skipValue();
      }
    }
    return new WireUsage(prompt, completion, total, cached, reasoning);
  }
}
