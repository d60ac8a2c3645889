package dev.nexttoken.analysis;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.ScoringCapabilities;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory model whose next token depends only on the previous word: tokens are words with their
 * leading space (and "." on its own), each row of {@link #ROWS} sums to 1 and lists its tokens most
 * likely first. It completes one token at temperature 0 (its argmax) with the top k, answers a chat
 * as the completion of the last message's text, and scores a given text exactly. Every figure a test
 * expects follows from {@link #ROWS}.
 */
final class WordModel implements LanguageModel {
  /** P(next | previous word); "" is the start of a text. */
  static final Map<String, Map<String, Double>> ROWS = new LinkedHashMap<>();

  static {
    ROWS.put("", row(" The", 0.7, " A", 0.3));
    ROWS.put("is", row(" good", 0.5, " bad", 0.3, " fine", 0.15, " 4", 0.05));
    ROWS.put("good", row(".", 0.6, " value", 0.4));
    ROWS.put("bad", row(".", 0.9, " value", 0.1));
    ROWS.put("fine", row(".", 1.0));
    ROWS.put("Score", row(":", 1.0));
    ROWS.put(":", row(" 4", 0.6, " 5", 0.3, " 2", 0.1));
  }

  final AtomicInteger requests = new AtomicInteger();
  private final Capabilities capabilities;

  WordModel(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  /** Completion, chat and scoring with up to {@code k} alternatives. */
  static WordModel scoring(int k) {
    OperationCapabilities op = OperationCapabilities.builder().logprobs(k).tokenBytes().build();
    return new WordModel(Capabilities.builder("words").completion(op).chat(op)
        .scoring(ScoringCapabilities.builder().maxTopLogprobs(k).build()).build());
  }

  /** Completion and chat with up to {@code k} alternatives, no scoring. */
  static WordModel generating(int k) {
    OperationCapabilities op = OperationCapabilities.builder().logprobs(k).tokenBytes().build();
    return new WordModel(Capabilities.builder("words").completion(op).chat(op).build());
  }

  /** Chat only, reporting the chosen token's logprob but no alternatives (as Cohere does). */
  static WordModel chosenOnly() {
    OperationCapabilities op = OperationCapabilities.builder().logprobs(0).build();
    return new WordModel(Capabilities.builder("bare").completion(OperationCapabilities.unsupported("chat only")).chat(op).build());
  }

  static double p(String previous, String next) {
    return ROWS.get(previous).get(next);
  }

  @Override
  public String provider() {
    return capabilities.provider();
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public Completion complete(CompletionRequest request) {
    requests.incrementAndGet();
    int k = request.options().logprobsOrNone().topLogprobs();
    int max = request.options().maxTokens() == null ? 1 : request.options().maxTokens();
    String previous = last(tokens(request.prompt()));
    List<TokenLogprob> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < max && ROWS.containsKey(word(previous)); i++) {
      Map<String, Double> row = ROWS.get(word(previous));
      String next = row.keySet().iterator().next();
      out.add(token(next, row.get(next), row, k));
      text.append(next);
      previous = next;
    }
    return new Completion(text.toString(), FinishReason.of(FinishReason.Kind.LENGTH, "length"), Usage.of(3, out.size()), "words", null, out, null);
  }

  @Override
  public Completion chat(ChatRequest request) {
    CompletionRequest asText = CompletionRequest.builder(request.messages().get(request.messages().size() - 1).content())
        .options(request.options()).build();
    return complete(asText);
  }

  @Override
  public ScoredText score(ScoreRequest request) {
    if (!capabilities.scoring().supported()) {
      return LanguageModel.super.score(request);
    }
    requests.incrementAndGet();
    List<String> prompt = tokens(request.prompt());
    String previous = last(prompt);
    List<TokenLogprob> scored = new ArrayList<>();
    for (String t : tokens(request.text())) {
      Map<String, Double> row = ROWS.get(word(previous));
      scored.add(token(t, row.get(t), row, request.topLogprobs()));
      previous = t;
    }
    return ScoredText.of(scored, "words", Usage.UNKNOWN, null);
  }

  private static TokenLogprob token(String token, double p, Map<String, Double> row, int k) {
    List<TokenCandidate> top = new ArrayList<>();
    for (var e : row.entrySet()) {
      if (top.size() < k) {
        top.add(new TokenCandidate(e.getKey(), e.getKey().getBytes(UTF_8), null, Math.log(e.getValue())));
      }
    }
    return new TokenLogprob(token, token.getBytes(UTF_8), null, Math.log(p), top);
  }

  /** Words with their leading space, and punctuation on its own. */
  static List<String> tokens(String text) {
    return Arrays.stream(text.split("(?= )|(?=[.:])")).filter(s -> !s.isEmpty()).toList();
  }

  private static String last(List<String> tokens) {
    return tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
  }

  private static String word(String token) {
    return token.strip();
  }

  private static Map<String, Double> row(Object... pairs) {
    Map<String, Double> row = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      row.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return row;
  }

  @Override
  public CompletionStream completeStreaming(CompletionRequest request) {
    throw new UnsupportedOperationException("not needed");
  }

  @Override
  public CompletionStream chatStreaming(ChatRequest request) {
    throw new UnsupportedOperationException("not needed");
  }

  @Override
  public java.util.concurrent.Executor asyncExecutor() {
    return Runnable::run;
  }

  @Override
  public void close() {}
}
