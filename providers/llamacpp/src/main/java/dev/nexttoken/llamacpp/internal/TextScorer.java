package dev.nexttoken.llamacpp.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nexttoken.LogitBias;
import dev.nexttoken.LogprobsOption;
import dev.nexttoken.ResponseMetadata;
import dev.nexttoken.ScoreRequest;
import dev.nexttoken.ScoredText;
import dev.nexttoken.Usage;
import dev.nexttoken.error.ErrorDetails;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.llamacpp.Token;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.spi.HttpResult;
import dev.nexttoken.spi.HttpTransport;
import dev.nexttoken.spi.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scores a given text on llama-server, which reports probabilities only for tokens it generates.
 *
 * <p>The text is tokenized once ({@code /tokenize}, prompt and text together, special-token markup
 * read as literal text). Then, for each token to score, one {@code /completion} generates one token
 * after the ids before it, with that very token forced by a large {@code logit_bias} and greedy
 * sampling. The reported logprob is the model's own softmax before sampling, which the bias does not
 * touch, so it is the true probability of the token in that context. Each step's prompt is the
 * previous step's prompt plus the token it generated, so with {@code cache_prompt} the server
 * evaluates one new token per step; the HTTP connection is kept alive by the shared client.
 *
 * <p>The tokens the server itself puts in front of any text (the beginning-of-sequence token, read
 * from {@code /tokenize} of an empty text with {@code add_special}) open the context, so the first
 * token of the text is scored after {@code <s>}, as the server reads a prompt. A model that adds no
 * such token gives its first text token no context: its logprob is reported as unknown.
 *
 * <p>A token whose bytes end inside a UTF-8 character (a byte-fallback lead byte, or a byte-level BPE
 * piece that cuts a character) is held back by the server until the character completes, and its
 * probability entry is never sent. Such a token is read instead from the whole next-token
 * distribution ({@code n_probs} = the vocabulary size), generated with the beginning-of-sequence
 * token forced in its place: the distribution is the same, since it depends only on the context.
 */
public final class TextScorer {
  private static final String PROVIDER = "llamacpp";

  /**
   * Added to the forced token's logit. Far beyond any real logit gap, so greedy sampling picks it;
   * the reported logprob ignores it. A token the model rules out entirely (logit -inf) stays
   * unpicked, which the id check reports.
   */
  static final double FORCE_BIAS = 1e6;

  private final HttpTransport transport;
  private final boolean cachePrompt;
  private final Supplier<Integer> vocabularySize;

  /**
   * @param vocabularySize the model's vocabulary size, asked only when a token cuts a UTF-8 character
   */
  public TextScorer(HttpTransport transport, boolean cachePrompt, Supplier<Integer> vocabularySize) {
    this.transport = transport;
    this.cachePrompt = cachePrompt;
    this.vocabularySize = vocabularySize;
  }

  public ScoredText score(ScoreRequest request) {
    List<Integer> specials = tokenize("", false, true).stream().map(Token::id).toList();
    List<Token> tokens = tokenize(request.fullText(), true, false);
    int first = request.prompt().isEmpty() ? 0 : firstPastPrompt(tokens, request.text().getBytes(UTF_8).length);
    int k = request.topLogprobs();
    List<Integer> context = new ArrayList<>(specials);
    List<TokenLogprob> scored = new ArrayList<>(tokens.size() - first);
    Step last = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (i >= first) {
        if (context.isEmpty()) {
          scored.add(new TokenLogprob(token.piece(), token.bytes(), token.id(), null, null));
        } else if (Utf8Tail.endsInsideCharacter(token.bytes())) {
          last = fromDistribution(context, token.id(), k, specials.isEmpty() ? null : specials.get(0));
          scored.add(last.scored());
        } else {
          last = forced(context, token.id(), k);
          scored.add(last.scored());
        }
      }
      context.add(token.id());
    }
    return ScoredText.of(scored, last == null ? null : last.model(), Usage.of(specials.size() + tokens.size(), 0),
        last == null ? ResponseMetadata.EMPTY : last.metadata());
  }

  /**
   * The index of the first token that ends after the prompt: a token straddling the seam belongs to
   * the text. Positions are counted from the end, in bytes, because the tokenizer may put a space
   * in front of the whole input (SentencePiece) but reproduces the rest byte for byte.
   */
  static int firstPastPrompt(List<Token> tokens, int textBytes) {
    int after = 0; // bytes after the end of token i - 1
    int i = tokens.size();
    while (i > 0 && after < textBytes) {
      i--;
      after += tokens.get(i).bytes().length;
    }
    return i;
  }

  /** One step generating {@code id} itself; the entry reports its logprob and the top {@code k}. */
  private Step forced(List<Integer> context, int id, int k) {
    LogprobsRequest logprobs = LogprobsRequest.of(LogprobsOption.top(k));
    Step step = post(context, id, logprobs.nProbs(), logprobs.withAlternatives());
    TokenLogprob entry = step.scored();
    if (entry.id() == null || entry.id() != id) {
      throw malformed("a scoring step generated token " + entry.id() + " although token " + id
          + " was forced with logit_bias; the server did not apply the bias");
    }
    return step;
  }

  /** One step generating {@code substitute} (greedy when null), reading {@code id} from the whole distribution. */
  private Step fromDistribution(List<Integer> context, int id, int k, Integer substitute) {
    Integer size = vocabularySize.get();
    if (size == null) {
      throw malformed("token " + id + " ends inside a UTF-8 character, so the server sends no entry for it, "
          + "and the vocabulary size needed to read it from the whole distribution is unknown");
    }
    Step step = post(context, substitute, size, true);
    List<TokenCandidate> all = step.scored().topLogprobs();
    for (TokenCandidate c : all) {
      if (c.id() != null && c.id() == id) {
        List<TokenCandidate> top = all.subList(0, Math.min(k, all.size()));
        return new Step(new TokenLogprob(c.token(), c.bytes(), id, c.logprob(), top), step.model(), step.metadata());
      }
    }
    throw malformed("token " + id + " is missing from the whole distribution (" + all.size() + " of " + size + " tokens)");
  }

  private Step post(List<Integer> context, Integer forced, int nProbs, boolean withAlternatives) {
    List<List<Object>> bias =
        forced == null ? null : SamplingConstraints.logitBias(LogitBias.ofTokenIds(Map.of(forced, FORCE_BIAS)));
    HttpResult result = transport.postJson("completion",
        new ScoreStepBody(List.copyOf(context), 1, nProbs, bias, 0.0, cachePrompt));
    NativeCompletionResponse response = Json.read(result.body(), NativeCompletionResponse.class, PROVIDER, "a /completion response");
    List<ProbabilityEntry> entries = response.completionProbabilities();
    if (entries == null || entries.isEmpty()) {
      throw malformed("a scoring step returned no token probabilities");
    }
    return new Step(LogprobMapper.map(entries.get(0), withAlternatives), response.model(), result.metadata());
  }

  private List<Token> tokenize(String content, boolean withPieces, boolean addSpecial) {
    // parse_special false: markup such as "</s>" in the text is scored as the characters it is.
    ServerDtos.TokenizeBody body = new ServerDtos.TokenizeBody(content, withPieces, addSpecial, false);
    HttpResult result = transport.postJson("tokenize", body);
    return ServerMapper.tokens(Json.read(result.body(), ServerDtos.TokenizeResponse.class, PROVIDER, "a /tokenize response"));
  }

  private static MalformedResponseException malformed(String why) {
    return new MalformedResponseException(PROVIDER + ": " + why, ErrorDetails.of(PROVIDER));
  }

  /** What one step reported, and which response reported it. */
  private record Step(TokenLogprob scored, String model, ResponseMetadata metadata) {}
}
