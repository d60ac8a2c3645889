package dev.nexttoken.openai.internal.responses;

import static dev.nexttoken.spi.JsonValues.bytes;
import static dev.nexttoken.spi.JsonValues.number;
import static dev.nexttoken.spi.JsonValues.requireElement;
import static dev.nexttoken.spi.JsonValues.startArray;
import static dev.nexttoken.spi.JsonValues.text;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nexttoken.logprob.Logprobs;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.JsonScanner;
import dev.nexttoken.spi.JsonValues;
import dev.nexttoken.wire.openai.Alternatives;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a Responses {@code logprobs} array, the same shape in a whole answer ({@code LogProb}: token,
 * logprob, bytes, top_logprobs) and in a stream delta ({@code ResponseLogProb}: the same without
 * bytes, {@code top_logprobs} optional), into neutral logprobs. Bytes the entry lacks are
 * {@link TokenBytes#of derived} from the token, so a streamed and a whole answer agree. Alternatives
 * are ranked and cut to the k asked for ({@link Alternatives}); an alternative without a logprob says
 * nothing and is left out. One instance per reader (it reuses a buffer), not thread-safe.
 */
final class LogprobsReader {
  private final int k;
  private final JsonValues.Scratch scratch = new JsonValues.Scratch();

  /** @param k the alternatives wanted per position */
  LogprobsReader(int k) {
    this.k = k;
  }

  /** The entries of the array the parser is on; null for a JSON null. */
  List<TokenLogprob> read(JsonParser p, String name) throws IOException {
    if (!startArray(p, name)) {
      return null;
    }
    List<TokenLogprob> entries = null;
    TokenLogprob first = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      TokenLogprob entry = entry(p, name);
      if (first == null) {
        first = entry;
      } else {
        if (entries == null) {
          entries = new ArrayList<>();
          entries.add(first);
        }
        entries.add(entry);
      }
    }
    // A delta holds one entry: an immutable one-element list, which Chunk keeps without copying.
    return entries != null ? entries : first != null ? List.of(first) : List.of();
  }

  private TokenLogprob entry(JsonParser p, String name) throws IOException {
    requireElement(p, name); // a null entry would shift every position after it
    String token = null;
    byte[] bytes = null;
    Double logprob = null;
    List<TokenCandidate> top = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "token" -> token = text(p, field);
        case "bytes" -> bytes = bytes(p, field, scratch);
        case "logprob" -> logprob = number(p, field);
        case "top_logprobs" -> top = alternatives(p, field);
        default -> p.skipChildren();
      }
    }
    String text = token == null ? "" : token;
    return new TokenLogprob(text, bytes != null ? bytes : TokenBytes.of(text), null,
        logprob == null ? null : neutral(p, logprob), top);
  }

  private List<TokenCandidate> alternatives(JsonParser p, String name) throws IOException {
    if (k == 0 || !startArray(p, name)) {
      p.skipChildren(); // none wanted: not read, so not checked either
      return List.of();
    }
    TokenCandidate[] all = new TokenCandidate[Math.min(k, 8)];
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      TokenCandidate candidate = alternative(p, name);
      if (candidate != null) {
        if (n == all.length) {
          all = Arrays.copyOf(all, n * 2);
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
    Double logprob = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "token" -> token = text(p, field);
        case "bytes" -> bytes = bytes(p, field, scratch);
        case "logprob" -> logprob = number(p, field);
        default -> p.skipChildren();
      }
    }
    if (logprob == null) {
      return null;
    }
    String text = token == null ? "" : token;
    return new TokenCandidate(text, bytes != null ? bytes : TokenBytes.of(text), null, neutral(p, logprob));
  }

  private static final byte[] TOKEN = "token".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] BYTES = "bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] LOGPROB = "logprob".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] TOP_LOGPROBS = "top_logprobs".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * {@link #read} with a {@link JsonScanner} (a stream delta's fast path): the same entries, field for
   * field; what it does not read as {@link #read} does gives up ({@link JsonScanner.Unhandled}).
   */
  List<TokenLogprob> scan(JsonScanner s) {
    if (!s.beginArray()) {
      return null;
    }
    List<TokenLogprob> entries = null;
    TokenLogprob first = null;
    while (s.nextElement()) {
      TokenLogprob entry = scanEntry(s);
      if (first == null) {
        first = entry;
      } else {
        if (entries == null) {
          entries = new ArrayList<>();
          entries.add(first);
        }
        entries.add(entry);
      }
    }
    return entries != null ? entries : first != null ? List.of(first) : List.of();
  }

  private TokenLogprob scanEntry(JsonScanner s) {
    if (!s.beginObject()) {
      throw JsonScanner.giveUp(); // a null entry: read() rejects it
    }
    String token = null;
    byte[] bytes = null;
    double logprob = Double.NaN; // NaN: absent or null
    List<TokenCandidate> top = List.of();
    while (s.nextField()) {
      if (s.nameIs(TOKEN)) {
        token = s.string();
      } else if (s.nameIs(BYTES)) {
        bytes = s.bytesToCopy(0); // TokenLogprob copies it, after the alternatives (slot 1) are read
      } else if (s.nameIs(LOGPROB)) {
        logprob = s.number(Double.NaN);
      } else if (s.nameIs(TOP_LOGPROBS)) {
        top = scanAlternatives(s);
      } else {
        s.skipValue();
      }
    }
    String text = token == null ? "" : token;
    return new TokenLogprob(text, bytes != null ? bytes : TokenBytes.of(text), null,
        Double.isNaN(logprob) ? null : Logprobs.fromProviderLogprob(logprob), top);
  }

  private List<TokenCandidate> scanAlternatives(JsonScanner s) {
    if (k == 0) {
      s.skipValue(); // none wanted: not read, so not checked either
      return List.of();
    }
    if (!s.beginArray()) {
      return List.of();
    }
    TokenCandidate[] all = new TokenCandidate[Math.min(k, 8)];
    int n = 0;
    while (s.nextElement()) {
      if (!s.beginObject()) {
        throw JsonScanner.giveUp(); // a null alternative: read() rejects it
      }
      String token = null;
      byte[] bytes = null;
      double logprob = Double.NaN;
      while (s.nextField()) {
        if (s.nameIs(TOKEN)) {
          token = s.string();
        } else if (s.nameIs(BYTES)) {
          bytes = s.bytesToCopy(1); // TokenCandidate copies it at once
        } else if (s.nameIs(LOGPROB)) {
          logprob = s.number(Double.NaN);
        } else {
          s.skipValue();
        }
      }
      if (Double.isNaN(logprob)) {
        continue; // says nothing: left out, as read() leaves it out
      }
      String text = token == null ? "" : token;
      if (n == all.length) {
        all = Arrays.copyOf(all, n * 2);
      }
      all[n++] = new TokenCandidate(text, bytes != null ? bytes : TokenBytes.of(text), null, Logprobs.fromProviderLogprob(logprob));
    }
    return Alternatives.ranked(all, n, k);
  }

  /** OpenAI's value as a neutral logprob ({@code -9999} is -infinity); an impossible one makes the answer malformed. */
  private static double neutral(JsonParser p, double logprob) throws IOException {
    try {
      return Logprobs.fromProviderLogprob(logprob);
    } catch (IllegalArgumentException e) {
      throw new JsonParseException(p, "unexpected token probability: " + e.getMessage());
    }
  }
}
