package dev.nexttoken.benchmarks.clients;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.benchmarks.stub.Canned;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import dev.nexttoken.openai.OpenAiModel;
import java.util.List;

/** nexttoken's OpenAI adapter with its defaults, used the way its README shows. */
public final class NextTokenClient implements BenchClient {
  private final OpenAiModel model;
  private final ChatRequest chat = ChatRequest.builder().user(Canned.PROMPT).maxTokens(Canned.TOKENS).topLogprobs(Canned.TOP).build();
  private final ChatRequest stream = ChatRequest.builder().user(Canned.PROMPT).maxTokens(Canned.STREAM_CHUNKS).topLogprobs(Canned.TOP).build();
  private final CompletionRequest legacy = CompletionRequest.builder(Canned.PROMPT)
      .model(Canned.LEGACY_MODEL).maxTokens(Canned.TOKENS).topLogprobs(Canned.TOP).build();

  public NextTokenClient(String baseUrl) {
    model = OpenAiModel.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).model(Canned.CHAT_MODEL).build();
  }

  @Override
  public void chat() {
    check(model.chat(chat));
  }

  @Override
  public void stream() {
    int chunks = 0;
    try (CompletionStream s = model.chatStreaming(stream)) {
      for (Chunk chunk : s) {
        List<TokenLogprob> logprobs = chunk.logprobs();
        if (logprobs == null || logprobs.isEmpty()) { // null: the chunk carries no logprobs
          continue;
        }
        Check.delta(chunks, chunk.textDelta());
        Check.equal("positions in a chunk", 1, logprobs.size());
        check(chunks % Canned.TOKENS, logprobs.get(0));
        chunks++;
      }
    }
    Check.equal("chunks with logprobs", Canned.STREAM_CHUNKS, chunks);
  }

  @Override
  public void legacy() {
    check(model.complete(legacy));
  }

  private static void check(Completion answer) {
    Check.content(answer.text());
    List<TokenLogprob> logprobs = answer.logprobs();
    Check.equal("positions", Canned.TOKENS, logprobs.size());
    for (int i = 0; i < logprobs.size(); i++) {
      check(i, logprobs.get(i));
    }
  }

  private static void check(int position, TokenLogprob token) {
    Check.token(position, token.token(), token.logprob());
    List<TokenCandidate> top = token.topLogprobs();
    Check.topCount(position, top.size());
    for (int r = 0; r < top.size(); r++) {
      TokenCandidate c = top.get(r);
      Check.top(position, r, c.token(), c.logprob());
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
