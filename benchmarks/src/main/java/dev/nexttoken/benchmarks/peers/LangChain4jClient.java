package dev.nexttoken.benchmarks.peers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.LogProb;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiResponsesChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiResponsesStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Check;
import dev.nexttoken.benchmarks.clients.Lazy;
import dev.nexttoken.benchmarks.stub.Canned;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * langchain4j-open-ai with its defaults (JDK HttpClient). Its streaming handler gets text only; a
 * stream's logprobs arrive all at once in the final response's OpenAI metadata, so that is where this
 * client reads them. It has no legacy-completions logprobs API.
 *
 * <p>Its Responses stream ({@code OpenAiResponsesStreamingChatModel}) sends {@code include} and
 * {@code top_logprobs}, but reads only each delta's text: no type of it carries a Responses logprob.
 * What it keeps is every raw event, in the final response's metadata
 * ({@code rawServerSentEvents()}); so this client checks the text as it arrives, then parses each
 * text delta's {@code data} again with Jackson (which langchain4j brings) for its logprobs, as a user
 * who needs them would have to.
 */
public final class LangChain4jClient implements BenchClient {
  private final OpenAiChatModel chatModel;
  private final OpenAiStreamingChatModel streamingModel;
  private final ChatRequest request = ChatRequest.builder().messages(UserMessage.from(Canned.PROMPT)).build();
  /** Made on first use, so the other scenarios and the cold start pay nothing for it. */
  private final Lazy<OpenAiResponsesStreamingChatModel> responsesModel;
  private final Lazy<ObjectMapper> json = new Lazy<>(ObjectMapper::new);

  public LangChain4jClient(String baseUrl) {
    chatModel = OpenAiChatModel.builder()
        .baseUrl(baseUrl).apiKey(Canned.API_KEY).modelName(Canned.CHAT_MODEL)
        .logprobs(true).topLogprobs(Canned.TOP).maxCompletionTokens(Canned.TOKENS).build();
    streamingModel = OpenAiStreamingChatModel.builder()
        .baseUrl(baseUrl).apiKey(Canned.API_KEY).maxCompletionTokens(Canned.STREAM_CHUNKS)
        .defaultRequestParameters(OpenAiChatRequestParameters.builder()
            .modelName(Canned.CHAT_MODEL).logprobs(true).topLogprobs(Canned.TOP).build())
        .build();
    responsesModel = new Lazy<>(() -> OpenAiResponsesStreamingChatModel.builder()
        .baseUrl(baseUrl).apiKey(Canned.API_KEY).modelName(Canned.CHAT_MODEL)
        .include(List.of("message.output_text.logprobs")).topLogprobs(Canned.TOP).maxOutputTokens(Canned.STREAM_CHUNKS)
        .build());
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
    ChatResponse answer = streamChecked(streamingModel);
    List<LogProb> logprobs = ((OpenAiChatResponseMetadata) answer.metadata()).logProbs();
    Check.equal("chunks with logprobs", Canned.STREAM_CHUNKS, logprobs.size());
    for (int c = 0; c < logprobs.size(); c++) {
      check(c % Canned.TOKENS, logprobs.get(c));
    }
  }

  @Override
  public void responses() {
    ChatResponse answer = streamChecked(responsesModel.get());
    ObjectMapper mapper = json.get();
    int deltas = 0;
    for (ServerSentEvent event : ((OpenAiResponsesChatResponseMetadata) answer.metadata()).rawServerSentEvents()) {
      if (!"response.output_text.delta".equals(event.event())) {
        continue;
      }
      JsonNode logprobs;
      try {
        logprobs = mapper.readTree(event.data()).path("logprobs");
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
      Check.equal("positions in a delta", 1, logprobs.size());
      int position = deltas % Canned.TOKENS;
      JsonNode token = logprobs.path(0);
      Check.token(position, token.path("token").asText(null), token.path("logprob").asDouble(Double.NaN));
      JsonNode top = token.path("top_logprobs");
      Check.topCount(position, top.size());
      for (int r = 0; r < top.size(); r++) {
        Check.top(position, r, top.path(r).path("token").asText(null), top.path(r).path("logprob").asDouble(Double.NaN));
      }
      deltas++;
    }
    Check.equal("text deltas with logprobs", Canned.STREAM_CHUNKS, deltas);
    Integer outputTokens = answer.tokenUsage() == null ? null : answer.tokenUsage().outputTokenCount();
    Check.equal("output tokens in the usage", Canned.STREAM_CHUNKS, outputTokens == null ? -1 : outputTokens);
  }

  @Override
  public boolean hasResponses() {
    return true;
  }

  /** Streams the request, checking each text delta as it arrives; the final response once all have. */
  private ChatResponse streamChecked(StreamingChatModel model) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    int[] deltas = {0};
    model.chat(request, new StreamingChatResponseHandler() {
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
    return answer;
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
