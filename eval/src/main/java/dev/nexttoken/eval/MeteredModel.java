package dev.nexttoken.eval;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.Message;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.Usage;
import java.util.concurrent.Executor;

/**
 * A target's model as one item sees it: every call goes through the target's {@link TargetGuard}
 * (pace, retries, budget) and adds its usage, latency and attempts to this item's totals. Made per
 * item so that a {@code Classifier}, which may make several calls, is paced and metered like a
 * plain call. Streaming is passed through unguarded: the evaluation does not stream.
 */
final class MeteredModel implements LanguageModel {
  /** Tokens assumed for an answer whose length the item leaves to the target. */
  static final int DEFAULT_ANSWER_TOKENS = 16;

  private final LanguageModel delegate;
  private final TargetGuard guard;
  final TargetGuard.Meter meter = new TargetGuard.Meter();
  private Usage usage;
  private String model;

  MeteredModel(LanguageModel delegate, TargetGuard guard) {
    this.delegate = delegate;
    this.guard = guard;
  }

  /** The usage of every call so far, summed field by field (a field no call reported stays null). */
  Usage usage() {
    return usage == null ? Usage.UNKNOWN : usage;
  }

  /** The model the last answer named, or null. */
  String answeringModel() {
    return model;
  }

  @Override
  public String provider() {
    return delegate.provider();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public Capabilities capabilities(String name) {
    return delegate.capabilities(name);
  }

  @Override
  public Completion complete(CompletionRequest request) {
    int estimate = estimate(request.prompt().length(), request.options().maxTokens());
    return record(guard.call(() -> delegate.complete(request), estimate, MeteredModel::tokensOf, meter));
  }

  @Override
  public Completion chat(ChatRequest request) {
    int chars = 0;
    for (Message m : request.messages()) {
      chars += m.content() == null ? 0 : m.content().length();
    }
    int estimate = estimate(chars, request.options().maxTokens());
    return record(guard.call(() -> delegate.chat(request), estimate, MeteredModel::tokensOf, meter));
  }

  @Override
  public ScoredText score(ScoreRequest request) {
    int estimate = estimate(request.fullText().length(), 0);
    ScoredText scored = guard.call(() -> delegate.score(request), estimate, s -> total(s.usage()), meter);
    add(scored.usage(), scored.model());
    guard.limiter().observe(scored.metadata().rateLimits());
    return scored;
  }

  @Override
  public CompletionStream completeStreaming(CompletionRequest request) {
    return delegate.completeStreaming(request);
  }

  @Override
  public CompletionStream chatStreaming(ChatRequest request) {
    return delegate.chatStreaming(request);
  }

  @Override
  public Executor asyncExecutor() {
    return delegate.asyncExecutor();
  }

  /** The target's model is closed by whoever opened it. */
  @Override
  public void close() {}

  private Completion record(Completion c) {
    add(c.usage(), c.model());
    guard.limiter().observe(c.metadata().rateLimits());
    return c;
  }

  private synchronized void add(Usage u, String answeredBy) {
    model = answeredBy != null ? answeredBy : model;
    if (usage == null) {
      usage = u;
      return;
    }
    usage = new Usage(sum(usage.promptTokens(), u.promptTokens()), sum(usage.completionTokens(), u.completionTokens()),
        sum(usage.totalTokens(), u.totalTokens()), sum(usage.cachedTokens(), u.cachedTokens()), sum(usage.reasoningTokens(), u.reasoningTokens()));
  }

  private static Integer sum(Integer a, Integer b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a + b;
  }

  /** About four characters a token, plus the answer's allowance: enough to pace by, corrected after the call. */
  static int estimate(int promptChars, Integer maxTokens) {
    return promptChars / 4 + 1 + (maxTokens == null ? DEFAULT_ANSWER_TOKENS : maxTokens);
  }

  private static int tokensOf(Completion c) {
    return total(c.usage());
  }

  private static int total(Usage u) {
    if (u.totalTokens() != null) {
      return u.totalTokens();
    }
    if (u.promptTokens() != null && u.completionTokens() != null) {
      return u.promptTokens() + u.completionTokens();
    }
    return -1;
  }
}
