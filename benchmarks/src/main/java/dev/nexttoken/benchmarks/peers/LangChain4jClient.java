package dev.nexttoken.benchmarks.peers;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Check;
import dev.nexttoken.benchmarks.stub.Canned;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * langchain4j-open-ai with its defaults (JDK HttpClient). Its streaming handler gets text only; a
 * stream's logprobs arrive all at once in the final response's OpenAI metadata, so that is where this
 * client reads them. It has no legacy-completions logprobs API.
 */
public final class LangChain4jClient implements BenchClient {
  private final OpenAiChatModel chatModel;
  private final OpenAiStreamingChatModel streamingModel;
  private final ChatRequest request = ChatRequest.builder().messages(UserMessage.from(Canned.PROMPT)).build();

  public LangChain4jClient(String baseUrl) {
    chatModel = OpenAiChatModel.builder()
        .baseUrl(baseUrl).apiKey(Canned.API_KEY).modelName(Canned.CHAT_MODEL)
        .logprobs(true).topLogprobs(Canned.TOP).maxCompletionTokens(Canned.TOKENS).build();
    streamingModel = OpenAiStreamingChatModel.builder()
        .baseUrl(baseUrl).apiKey(Canned.API_KEY).maxCompletionTokens(Canned.STREAM_CHUNKS)
        .defaultRequestParameters(OpenAiChatRequestParameters.builder()
            .modelName(Canned.CHAT_MODEL).logprobs(true).topLogprobs(Canned.TOP).build())
        .build();
  }

  @Override
  public void chat() {
    ChatResponse answer = chatModel.chat(request);
    Check.content(answer.aiMessage().text());
    List<LogProb> logprobs = ((OpenAiChatResponseMetadata) answer.metadata()).logProbs();
    Check.equal("positions", Canned.TOKENS, logprobs.size());
    for (int i = 0; i < logprobs.size(); i++) {
      check(i, logprobs.get(i));
    }
  }

  @Override
  public void stream() {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    int[] deltas = {0};
    streamingModel.chat(request, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String text) {
        if (text.isEmpty()) {
          return;
        }
        try {
          Check.delta(deltas[0]++, text);
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    ChatResponse answer;
    try {
      answer = done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Check.equal("text chunks", Canned.STREAM_CHUNKS, deltas[0]);
    List<LogProb> logprobs = ((OpenAiChatResponseMetadata) answer.metadata()).logProbs();
    Check.equal("chunks with logprobs", Canned.STREAM_CHUNKS, logprobs.size());
    for (int c = 0; c < logprobs.size(); c++) {
      check(c % Canned.TOKENS, logprobs.get(c));
    }
  }

  @Override
  public void legacy() {
    throw new UnsupportedOperationException("langchain4j-open-ai has no legacy completions logprobs API");
  }

  @Override
  public boolean hasLegacy() {
    return false;
  }

  private static void check(int position, LogProb token) {
    Check.token(position, token.token(), token.logprob());
    List<LogProb> top = token.topLogprobs();
    Check.topCount(position, top.size());
    for (int r = 0; r < top.size(); r++) {
      Check.top(position, r, top.get(r).token(), top.get(r).logprob());
    }
  }

  @Override
  public void close() {
    // Neither model holds anything that needs closing.
  }
}
