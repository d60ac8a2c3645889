package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.Tool;
import dev.nexttoken.ToolCall;
import dev.nexttoken.testkit.JsonCorpus;
import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import dev.nexttoken.testkit.junit.JsonModel;
import dev.nexttoken.testkit.junit.LlamaServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chat ({@code /v1/chat/completions}) with {@code response_format} and tools against a real llama-server serving
 * the JSON model with {@code --jinja}: the server reads from the model's template how a call is written and returns
 * the model's calls as OpenAI tool calls.
 */
@ExtendWith(LlamaServerExtension.class)
class RealServerChatStructuredTest {
  private static final int MAX_TOKENS = 30;
  private static final ResponseFormat CITY = ResponseFormat.jsonSchema("city", JsonCorpus.CITY_SCHEMA);
  private static final List<Tool> TOOLS = List.of(
      Tool.of(JsonCorpus.GET_WEATHER, "The weather in a city", JsonCorpus.CITY_PARAMETERS),
      Tool.of(JsonCorpus.GET_TIME, "The local time in a city", JsonCorpus.CITY_PARAMETERS));

  private final KnownAnswerModel json;
  private final LlamaCppModel model;

  RealServerChatStructuredTest(@JsonModel LlamaServer server, @JsonModel KnownAnswerModel json) {
    this.json = json;
    this.model = LlamaCppModel.builder().baseUrl(server.baseUrl()).cachePrompt(false).build();
  }

  @AfterEach
  void close() {
    model.close();
  }

  private static ChatRequest.Builder tools(String prompt) {
    return ChatRequest.builder().user(prompt).tools(TOOLS).maxTokens(MAX_TOKENS).temperature(0.0);
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void responseFormatGivesAValidAnswerWithTheModelsFieldConfidences(boolean stream) {
    ChatRequest request = ChatRequest.builder().user(JsonCorpus.CITY_PROMPT).responseFormat(CITY).maxTokens(MAX_TOKENS)
        .temperature(0.0).topLogprobs(1).build();
    Completion c;
    if (stream) {
      try (CompletionStream s = model.chatStreaming(request)) {
        c = s.collect();
      }
    } else {
      c = model.chat(request);
    }

    assertEquals(Map.of("city", "Oslo", "country", "Norway", "population", 709000, "capital", true), c.validatedJson(CITY));
    // The chat stream carries no entry for the final </s> (see LlamaCppModel); the blocking answer does.
    List<KnownAnswerModel.Candidate> walk = json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS);
    JsonKnownAnswers.assertAnswer(stream ? walk.subList(0, walk.size() - 1) : walk, c);
  }

  @Test
  void aSchemaThatRulesOutTheGreedyCityGivesTheRunnerUp() {
    ResponseFormat notOslo = ResponseFormat.jsonSchema("city",
        JsonCorpus.CITY_SCHEMA.replace("\"city\":{\"type\":\"string\"}", "\"city\":{\"enum\":[\"Bergen\",\"Paris\"]}"));
    Completion c = model.chat(ChatRequest.builder().user(JsonCorpus.CITY_PROMPT).responseFormat(notOslo)
        .maxTokens(MAX_TOKENS).temperature(0.0).topLogprobs(1).build());

    assertEquals("Bergen", ((Map<?, ?>) c.validatedJson(notOslo)).get("city"), "the schema reached the server");
    JsonKnownAnswers.assertAnswer(json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS, Map.of(json.tokenId("Oslo"), -100.0)), c);
  }

  @Test
  void oneToolCall() {
    Completion c = model.chat(tools(JsonCorpus.WEATHER_PROMPT).build());

    assertEquals(FinishReason.Kind.TOOL_CALLS, c.finishReason().kind());
    assertEquals(1, c.toolCalls().size(), c.toolCalls()::toString);
    assertCall(JsonCorpus.GET_WEATHER, "{\"city\":\"Tokyo\"}", c.toolCalls().get(0));
    assertTrue(c.text().isEmpty(), c::text);
  }

  @Test
  void twoParallelToolCallsAreTheModelsAnswerArgumentsExactlyAsGenerated() {
    Completion c = model.chat(tools(JsonCorpus.TWO_CALLS_PROMPT).parallelToolCalls(true).build());

    assertEquals(FinishReason.Kind.TOOL_CALLS, c.finishReason().kind());
    assertEquals(2, c.toolCalls().size(), c.toolCalls()::toString);
    assertCall(JsonCorpus.GET_TIME, "{\"city\":\"Lima\"}", c.toolCalls().get(0));
    assertCall(JsonCorpus.GET_WEATHER, "{\"city\":\"Tokyo\"}", c.toolCalls().get(1));
    assertNotEquals(c.toolCalls().get(0).id(), c.toolCalls().get(1).id());
  }

  @Test
  void streamedToolCallsCollectToTheBlockingOnes() {
    // Without logprobs: the server refuses logprobs with tools while streaming.
    ChatRequest request = tools(JsonCorpus.TWO_CALLS_PROMPT).parallelToolCalls(true).build();
    Completion whole = model.chat(request);
    Completion collected;
    try (CompletionStream s = model.chatStreaming(request)) {
      collected = s.collect();
    }

    // The server makes up new call ids per request; everything else is the same, arguments byte for byte.
    assertEquals(whole.toolCalls().stream().map(t -> List.of(t.name(), t.arguments())).toList(),
        collected.toolCalls().stream().map(t -> List.of(t.name(), t.arguments())).toList());
    assertEquals(whole.finishReason(), collected.finishReason());
    collected.toolCalls().forEach(t -> assertNotNull(t.id(), t::toString));
  }

  @Test
  void aToolRoundTripGoesThroughTheTemplate() {
    Completion first = model.chat(tools(JsonCorpus.WEATHER_PROMPT).build());
    ToolCall call = first.toolCalls().get(0);
    // The tool's result is a prompt the model knows, so the answer after it is known: the city JSON.
    ChatRequest next = ChatRequest.builder().user(JsonCorpus.WEATHER_PROMPT).message(Message.assistant(first))
        .message(Message.toolResult(call, JsonCorpus.CITY_PROMPT)).tools(TOOLS).maxTokens(MAX_TOKENS).temperature(0.0)
        .topLogprobs(1).build();

    Completion answer = model.chat(next);

    assertEquals(FinishReason.Kind.STOP, answer.finishReason().kind());
    JsonKnownAnswers.assertAnswer(json.greedyWalk(JsonCorpus.CITY_PROMPT, MAX_TOKENS), answer);
  }

  private static void assertCall(String name, String arguments, ToolCall call) {
    assertEquals(name, call.name());
    assertEquals(arguments, call.arguments(), "the arguments as the model generated them");
    assertNotNull(call.id(), "the server gives every call an id");
  }
}
