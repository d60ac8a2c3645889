package dev.nexttoken.benchmarks.clients;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.benchmarks.stub.Canned;
import dev.nexttoken.openai.OpenAiModel;
import dev.nexttoken.openai.OpenAiResponsesModel;

/**
 * nexttoken's OpenAI adapters with their defaults, used the way the README shows: {@code OpenAiModel}
 * for chat completions and legacy completions, {@code OpenAiResponsesModel} for the Responses stream
 * (made on first use, so the other scenarios and the cold start never build it).
 *
 * <p>{@code run.sh --baseline <commit>} compiles this same source again against that commit's jars
 * (client {@code nexttoken@<sha>}), so it names as few of nexttoken's types as it can: the two models
 * and the two requests; answers, streams, chunks, tokens and candidates are {@code var}, so they may change
 * package or kind (a class becoming an interface) between commits. Only their methods are used:
 * {@code text()}, {@code logprobs()}, {@code textDelta()}, {@code token()}, {@code logprob()},
 * {@code topLogprobs()}. A commit before {@code OpenAiResponsesModel} (add9396) needs a client of its
 * own ({@code BASELINE_CLIENT_SRC}, e.g. its own version of this file: its Responses row is then n/a).
 */
public final class NextTokenClient implements BenchClient {
  private final OpenAiModel model;
  private final ChatRequest chat = ChatRequest.builder().user(Canned.PROMPT).maxTokens(Canned.TOKENS).topLogprobs(Canned.TOP).build();
  /** The chat stream's request, and the Responses stream's: the same neutral request on either route. */
  private final ChatRequest stream = ChatRequest.builder().user(Canned.PROMPT).maxTokens(Canned.STREAM_CHUNKS).topLogprobs(Canned.TOP).build();
  private final CompletionRequest legacy = CompletionRequest.builder(Canned.PROMPT)
      .model(Canned.LEGACY_MODEL).maxTokens(Canned.TOKENS).topLogprobs(Canned.TOP).build();

  private final Lazy<OpenAiResponsesModel> responsesModel;

  public NextTokenClient(String baseUrl) {
    model = OpenAiModel.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).model(Canned.CHAT_MODEL).build();
    responsesModel = new Lazy<>(() -> OpenAiResponsesModel.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).model(Canned.CHAT_MODEL).build());
  }

  /** The same calls through {@code http} (the in-memory benchmark's client, which answers without a network). */
  public NextTokenClient(String baseUrl, okhttp3.OkHttpClient http) {
    model = OpenAiModel.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).model(Canned.CHAT_MODEL).httpClient(http).build();
    responsesModel = new Lazy<>(() -> OpenAiResponsesModel.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).model(Canned.CHAT_MODEL)
        .httpClient(http).build());
  }

  @Override
  public void chat() {
    var answer = model.chat(chat);
    Check.content(answer.text());
    var logprobs = answer.logprobs();
    Check.equal("positions", Canned.TOKENS, logprobs.size());
    for (int i = 0; i < logprobs.size(); i++) {
      var token = logprobs.get(i);
      Check.token(i, token.token(), token.logprob());
      var top = token.topLogprobs();
      Check.topCount(i, top.size());
      for (int r = 0; r < top.size(); r++) {
        var c = top.get(r);
        Check.top(i, r, c.token(), c.logprob());
      }
    }
  }

  @Override
  public void stream() {
    readStream(false);
  }

  @Override
  public void responses() {
    readStream(true);
  }

  @Override
  public boolean hasResponses() {
    return true;
  }

  /**
   * Reads and checks a chat-completions stream or a Responses stream: both give the same neutral
   * chunks, so one loop checks both (each scenario runs in its own fork, so neither shapes the
   * other's profile).
   */
  private void readStream(boolean responsesApi) {
    int chunks = 0;
    int outputTokens = -1;
    try (var s = responsesApi ? responsesModel.get().chatStreaming(stream) : model.chatStreaming(stream)) {
      for (var chunk : s) {
        var usage = chunk.usage();
        if (usage != null && usage.completionTokens() != null) {
          outputTokens = usage.completionTokens();
        }
        var logprobs = chunk.logprobs();
        if (logprobs == null || logprobs.isEmpty()) { // null (since issue 14): the chunk carries no logprobs
          continue;
        }
        Check.delta(chunks, chunk.textDelta());
        Check.equal("positions in a chunk", 1, logprobs.size());
        int position = chunks % Canned.TOKENS;
        var token = logprobs.get(0);
        Check.token(position, token.token(), token.logprob());
        var top = token.topLogprobs();
        Check.topCount(position, top.size());
        for (int r = 0; r < top.size(); r++) {
          var c = top.get(r);
          Check.top(position, r, c.token(), c.logprob());
        }
        chunks++;
      }
    }
    Check.equal("chunks with logprobs", Canned.STREAM_CHUNKS, chunks);
    if (responsesApi) {
      Check.equal("output tokens in the usage", Canned.STREAM_CHUNKS, outputTokens);
    }
  }

  @Override
  public void legacy() {
    var answer = model.complete(legacy);
    Check.content(answer.text());
    var logprobs = answer.logprobs();
    Check.equal("positions", Canned.TOKENS, logprobs.size());
    for (int i = 0; i < logprobs.size(); i++) {
      var token = logprobs.get(i);
      Check.token(i, token.token(), token.logprob());
      var top = token.topLogprobs();
      Check.topCount(i, top.size());
      for (int r = 0; r < top.size(); r++) {
        var c = top.get(r);
        Check.top(i, r, c.token(), c.logprob());
      }
    }
  }

  @Override
  public void close() {
    model.close();
    var responses = responsesModel.made();
    if (responses != null) {
      responses.close();
    }
  }
}
