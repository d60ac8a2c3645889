package dev.nexttoken.openai.internal;

import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.EventMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * vLLM's tokens as ids ({@code return_tokens_as_token_ids}, or the server's
 * {@code --return-tokens-as-token-ids}): a token reported as {@code "token_id:1234"} becomes id 1234
 * with empty text and no bytes, since the bytes vLLM sends with it are those of the string
 * {@code "token_id:1234"}, not the token's. Other tokens are left alone.
 */
public final class TokenIds {
  private static final String PREFIX = "token_id:";

  private TokenIds() {}

  /** {@code completion} (every choice of it) with its tokens' ids read; the same instance when none is an id. */
  public static Completion read(Completion completion) {
    List<TokenLogprob> logprobs = read(completion.logprobs());
    List<TokenLogprob> prompt = read(completion.promptLogprobs());
    List<TokenLogprob> reasoning = read(completion.reasoningLogprobs());
    List<Completion> others = completion.otherChoices();
    boolean othersChanged = false;
    if (!others.isEmpty()) {
      List<Completion> read = new ArrayList<>(others.size());
      for (Completion other : others) {
        Completion r = read(other);
        othersChanged |= r != other;
        read.add(r);
      }
      others = othersChanged ? read : others;
    }
    if (logprobs == completion.logprobs() && prompt == completion.promptLogprobs() && reasoning == completion.reasoningLogprobs()
        && !othersChanged) {
      return completion;
    }
    return new Completion(completion.text(), completion.finishReason(), completion.usage(), completion.model(),
        completion.metadata(), logprobs, prompt, completion.toolCalls(), completion.reasoning(), reasoning, others);
  }

  /** {@code mapper} with each chunk's token ids read. */
  public static EventMapper reading(EventMapper mapper) {
    return event -> {
      Chunk chunk = mapper.map(event);
      if (chunk == null) {
        return null;
      }
      List<TokenLogprob> logprobs = read(chunk.logprobs());
      List<TokenLogprob> reasoning = read(chunk.reasoningLogprobs());
      return logprobs == chunk.logprobs() && reasoning == chunk.reasoningLogprobs() ? chunk
          : new Chunk(chunk.textDelta(), logprobs, chunk.finishReason(), chunk.usage(), chunk.model(), chunk.responseId(),
              chunk.extras(), chunk.toolCalls(), chunk.reasoningDelta(), reasoning, chunk.choice());
    };
  }

  /** The tokens with their ids read; the same list when none is an id (or it is null). */
  static List<TokenLogprob> read(List<TokenLogprob> tokens) {
    if (tokens == null || tokens.stream().noneMatch(TokenIds::hasIds)) {
      return tokens;
    }
    List<TokenLogprob> out = new ArrayList<>(tokens.size());
    for (TokenLogprob t : tokens) {
      if (!hasIds(t)) {
        out.add(t);
        continue;
      }
      Integer id = id(t.token());
      List<TokenCandidate> top = t.topLogprobs() == null ? null : t.topLogprobs().stream().map(TokenIds::read).toList();
      out.add(id == null ? new TokenLogprob(t.token(), t.bytes(), t.id(), t.logprob(), top, t.rank())
          : new TokenLogprob("", null, id, t.logprob(), top, t.rank()));
    }
    return out;
  }

  private static TokenCandidate read(TokenCandidate c) {
    Integer id = id(c.token());
    return id == null ? c : new TokenCandidate("", null, id, c.logprob());
  }

  private static boolean hasIds(TokenLogprob t) {
    return id(t.token()) != null || t.topLogprobs() != null && t.topLogprobs().stream().anyMatch(c -> id(c.token()) != null);
  }

  /** The id of a {@code token_id:N} string, else null. */
  static Integer id(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() == PREFIX.length() || token.length() > PREFIX.length() + 10) {
      return null;
    }
    for (int i = PREFIX.length(); i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Integer.valueOf(token.substring(PREFIX.length()));
    } catch (NumberFormatException overflow) {
      return null;
    }
  }
}
