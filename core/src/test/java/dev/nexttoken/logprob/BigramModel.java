package dev.nexttoken.logprob;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LanguageModel;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * An in-memory completion model over a small known bigram table: the next token depends only on
 * the prompt's last word. Answers one token at temperature 0 (its argmax) with the top-k
 * alternatives, as a completion provider would. The end of sequence is {@code ""} with empty bytes.
 */
class BigramModel implements LanguageModel {
  static final String EOS = "";

  /** P(next | last word), every row summing to 1. */
  static final Map<String, Map<String, Double>> BIGRAMS = new LinkedHashMap<>();

  static {
    BIGRAMS.put("is", ordered(" a", 0.5, " the", 0.3, " fun", 0.2));
    BIGRAMS.put("a", ordered(" tool", 0.6, " cat", 0.4));
    BIGRAMS.put("the", ordered(" best", 0.7, " tool", 0.3));
    BIGRAMS.put("tool", ordered(".", 0.8, " for", 0.2));
    BIGRAMS.put("cat", ordered(".", 1.0));
    BIGRAMS.put("best", ordered(" tool", 0.9, ".", 0.1));
    BIGRAMS.put("fun", ordered(".", 1.0));
    BIGRAMS.put("for", ordered(" the", 1.0));
    BIGRAMS.put(".", ordered(EOS, 0.7, " the", 0.3));
  }

  final List<CompletionRequest> requests = new CopyOnWriteArrayList<>();
  private final Capabilities capabilities;
  private final Map<String, Map<String, Double>> bigrams;

  BigramModel(Capabilities capabilities) {
    this(capabilities, BIGRAMS);
  }

  BigramModel(Capabilities capabilities, Map<String, Map<String, Double>> bigrams) {
    this.capabilities = capabilities;
    this.bigrams = bigrams;
  }

  /** A completion provider returning up to {@code maxTopLogprobs} alternatives, with ids and bytes. */
  static Capabilities completionProvider(String name, int maxTopLogprobs) {
    OperationCapabilities completion = OperationCapabilities.builder().logprobs(maxTopLogprobs).tokenIds().tokenBytes().build();
    return Capabilities.builder(name)
        .completion(completion)
        .chat(OperationCapabilities.unsupported("not in this fake"))
        .vocabularySize(12)
        .build();
  }

  private static Map<String, Double> ordered(Object... pairs) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return out;
  }

  static String lastWord(String prompt) {
    if (prompt.endsWith(".")) {
      return ".";
    }
    String[] words = prompt.trim().split("\\s+");
    return words[words.length - 1];
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
    requests.add(request);
    Map<String, Double> next = bigrams.get(lastWord(request.prompt()));
    if (next == null) {
      throw new IllegalStateException("no bigram row for " + lastWord(request.prompt()));
    }
    int k = request.options().logprobsOrNone().topLogprobs();
    List<TokenCandidate> top = new ArrayList<>();
    for (var e : next.entrySet()) {
      if (top.size() < k) {
        top.add(candidate(e.getKey(), e.getValue()));
      }
    }
    TokenCandidate argmax = top.get(0);
    TokenLogprob token = new TokenLogprob(argmax.token(), argmax.bytes(), argmax.id(), argmax.logprob(), top);
    boolean end = argmax.token().isEmpty();
    return new Completion(argmax.token(), FinishReason.of(end ? FinishReason.Kind.STOP : FinishReason.Kind.LENGTH, end ? "stop" : "length"),
        Usage.of(3, 1), "bigram", null, List.of(token), null);
  }

  static TokenCandidate candidate(String token, double probability) {
    return new TokenCandidate(token, token.getBytes(UTF_8), Math.abs(token.hashCode() % 1000), Math.log(probability));
  }

  @Override
  public CompletionStream completeStreaming(CompletionRequest request) {
    throw new UnsupportedOperationException("not needed by the walk");
  }

  @Override
  public Completion chat(ChatRequest request) {
    throw new UnsupportedOperationException("not in this fake");
  }

  @Override
  public CompletionStream chatStreaming(ChatRequest request) {
    throw new UnsupportedOperationException("not in this fake");
  }

  @Override
  public Executor asyncExecutor() {
    return Runnable::run;
  }

  @Override
  public void close() {}
}
