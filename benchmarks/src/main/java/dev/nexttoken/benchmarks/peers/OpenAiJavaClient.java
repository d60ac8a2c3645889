package dev.nexttoken.benchmarks.peers;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextDeltaEvent;
import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Check;
import dev.nexttoken.benchmarks.clients.Lazy;
import dev.nexttoken.benchmarks.stub.Canned;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The official OpenAI Java SDK with its OkHttp client and its defaults. Its Responses stream gives
 * every event as a typed {@code ResponseStreamEvent}; a text delta's {@code logprobs()} carry the
 * token, its logprob and the alternatives (whose token and logprob are optional), read as they arrive.
 * (Its {@code ResponseAccumulator} would drop them, wire-formats-2 §1.6; it is not used.)
 */
public final class OpenAiJavaClient implements BenchClient {
  private final OpenAIClient client;
  private final ChatCompletionCreateParams chat = chatParams(Canned.TOKENS);
  private final ChatCompletionCreateParams stream = chatParams(Canned.STREAM_CHUNKS);
  private final CompletionCreateParams legacy = CompletionCreateParams.builder()
      .model(Canned.LEGACY_MODEL).prompt(Canned.PROMPT).maxTokens(Canned.TOKENS).logprobs(Canned.TOP).build();
  /** Made on first use, so the other scenarios and the cold start never build them. */
  private final Lazy<ResponseCreateParams> responses = new Lazy<>(() -> ResponseCreateParams.builder()
      .model(Canned.CHAT_MODEL).input(Canned.PROMPT)
      .addInclude(ResponseIncludable.MESSAGE_OUTPUT_TEXT_LOGPROBS).topLogprobs(Canned.TOP)
      .maxOutputTokens(Canned.STREAM_CHUNKS).build());

  public OpenAiJavaClient(String baseUrl) {
    client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(Canned.API_KEY).build();
  }

  private static ChatCompletionCreateParams chatParams(int maxTokens) {
    return ChatCompletionCreateParams.builder()
        .model(Canned.CHAT_MODEL).addUserMessage(Canned.PROMPT)
        .logprobs(true).topLogprobs(Canned.TOP).maxCompletionTokens(maxTokens).build();
  }

  @Override
  public void chat() {
    ChatCompletion answer = client.chat().completions().create(chat);
    ChatCompletion.Choice choice = answer.choices().get(0);
    Check.content(choice.message().content().orElseThrow());
    List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().orElseThrow().content().orElseThrow();
    Check.equal("positions", Canned.TOKENS, logprobs.size());
    for (int i = 0; i < logprobs.size(); i++) {
      check(i, logprobs.get(i));
    }
  }

  @Override
  public void stream() {
    int chunks = 0;
    try (StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(stream)) {
      Iterator<ChatCompletionChunk> it = response.stream().iterator();
      while (it.hasNext()) {
        ChatCompletionChunk chunk = it.next();
        if (chunk.choices().isEmpty()) {
          continue;
        }
        ChatCompletionChunk.Choice choice = chunk.choices().get(0);
        List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().flatMap(ChatCompletionChunk.Choice.Logprobs::content).orElse(List.of());
        if (logprobs.isEmpty()) {
          continue;
        }
        Check.delta(chunks, choice.delta().content().orElseThrow());
        Check.equal("positions in a chunk", 1, logprobs.size());
        check(chunks % Canned.TOKENS, logprobs.get(0));
        chunks++;
      }
    }
    Check.equal("chunks with logprobs", Canned.STREAM_CHUNKS, chunks);
  }

  @Override
  public void responses() {
    int deltas = 0;
    boolean completed = false;
    int outputTokens = -1;
    try (StreamResponse<ResponseStreamEvent> response = client.responses().createStreaming(responses.get())) {
      Iterator<ResponseStreamEvent> it = response.stream().iterator();
      while (it.hasNext()) {
        ResponseStreamEvent event = it.next();
        if (event.isOutputTextDelta()) {
          ResponseTextDeltaEvent delta = event.asOutputTextDelta();
          Check.delta(deltas, delta.delta());
          List<ResponseTextDeltaEvent.Logprob> logprobs = delta.logprobs();
          Check.equal("positions in a delta", 1, logprobs.size());
          int position = deltas % Canned.TOKENS;
          ResponseTextDeltaEvent.Logprob token = logprobs.get(0);
          Check.token(position, token.token(), token.logprob());
          List<ResponseTextDeltaEvent.Logprob.TopLogprob> top = token.topLogprobs().orElse(List.of());
          Check.topCount(position, top.size());
          for (int r = 0; r < top.size(); r++) {
            ResponseTextDeltaEvent.Logprob.TopLogprob c = top.get(r);
            Check.top(position, r, c.token().orElse(null), c.logprob().orElse(Double.NaN));
          }
          deltas++;
        } else if (event.isCompleted()) {
          completed = true;
          outputTokens = (int) event.asCompleted().response().usage().orElseThrow().outputTokens();
        }
      }
    }
    Check.equal("text deltas", Canned.STREAM_CHUNKS, deltas);
    Check.equal("response.completed events", 1, completed ? 1 : 0);
    Check.equal("output tokens in the usage", Canned.STREAM_CHUNKS, outputTokens);
  }

  @Override
  public boolean hasResponses() {
    return true;
  }

  @Override
  public void legacy() {
    Completion answer = client.completions().create(legacy);
    CompletionChoice choice = answer.choices().get(0);
    Check.content(choice.text());
    CompletionChoice.Logprobs logprobs = choice.logprobs().orElseThrow();
    List<String> tokens = logprobs.tokens().orElseThrow();
    List<Double> tokenLogprobs = logprobs.tokenLogprobs().orElseThrow();
    List<CompletionChoice.Logprobs.TopLogprob> tops = logprobs.topLogprobs().orElseThrow();
    Check.equal("tokens", Canned.TOKENS, tokens.size());
    Check.equal("top logprob maps", Canned.TOKENS, tops.size());
    for (int i = 0; i < tokens.size(); i++) {
      Check.token(i, tokens.get(i), tokenLogprobs.get(i));
      Map<String, JsonValue> top = tops.get(i)._additionalProperties();
      Check.topCount(i, top.size());
      int r = 0;
      for (Map.Entry<String, JsonValue> e : top.entrySet()) {
        Check.top(i, r++, e.getKey(), number(e.getValue()));
      }
    }
  }

  /** A legacy top-logprob value; JsonValue extends the raw JsonField, so asNumber() comes back untyped. */
  private static double number(JsonValue value) {
    return ((Number) value.asNumber().orElseThrow()).doubleValue();
  }

  private static void check(int position, ChatCompletionTokenLogprob token) {
    Check.token(position, token.token(), token.logprob());
    List<ChatCompletionTokenLogprob.TopLogprob> top = token.topLogprobs();
    Check.topCount(position, top.size());
    for (int r = 0; r < top.size(); r++) {
      Check.top(position, r, top.get(r).token(), top.get(r).logprob());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
