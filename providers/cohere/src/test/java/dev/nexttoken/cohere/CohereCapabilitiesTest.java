package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.builder;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Capabilities;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
import dev.nexttoken.ResponseFormat;
import dev.nexttoken.error.RequestValidationException;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What Cohere says it can do, and requests beyond it failing before anything is sent. */
class CohereCapabilitiesTest extends MockCohereTest {
  @Test
  void chatReportsChosenTokenLogprobsAndIdsButNoAlternativesOrBytes() {
    Capabilities caps = model.capabilities();
    assertEquals("cohere", caps.provider());
    assertEquals("cohere", model.provider());
    OperationCapabilities chat = caps.chat();
    assertTrue(chat.supported());
    assertTrue(chat.streaming());
    assertTrue(chat.logprobs());
    assertEquals(0, chat.maxTopLogprobs());
    assertTrue(chat.logprobsInStream());
    assertTrue(chat.tokenIds());
    assertFalse(chat.tokenBytes());
    assertFalse(chat.promptLogprobs());
    assertEquals(ParameterLimits.builder()
        .temperature(Range.closed(0, 1.0))
        .topP(Range.closed(0.01, 0.99))
        .topK(Range.integers(0, 500))
        .seed(Range.integers(0, Integer.MAX_VALUE))
        .maxStopSequences(5)
        .build(), chat.limits(), "wire-formats §2.2: temperature 0–1, p 0.01–0.99, k 0–500, seed >= 0, up to 5 stop sequences");
    assertNull(caps.vocabularySize());
  }

  static Stream<Arguments> models() {
    // model, tools, images, structured output; from Cohere's model pages
    return Stream.of(
        Arguments.of("command-a-03-2025", true, false, StructuredOutput.JSON_SCHEMA),
        Arguments.of("command-a-reasoning-08-2025", true, false, StructuredOutput.JSON_SCHEMA),
        Arguments.of("command-r7b-12-2024", true, false, StructuredOutput.JSON_SCHEMA),
        Arguments.of("command-r-08-2024", true, false, StructuredOutput.JSON_SCHEMA),
        Arguments.of("command-r-plus", true, false, StructuredOutput.JSON_SCHEMA),
        Arguments.of("command-a-plus-05-2026", true, true, StructuredOutput.JSON_SCHEMA),
        Arguments.of("command-a-vision-07-2025", false, true, StructuredOutput.NONE),
        Arguments.of("c4ai-aya-vision-32b", false, true, StructuredOutput.NONE),
        Arguments.of("c4ai-aya-expanse-32b", false, false, StructuredOutput.NONE),
        Arguments.of("command-light", false, false, StructuredOutput.NONE),
        Arguments.of("a-fine-tune-cohere-has-not-named", true, false, StructuredOutput.JSON_SCHEMA));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void eachModelDeclaresWhatItTakes(String name, boolean tools, boolean images, StructuredOutput structured) {
    OperationCapabilities chat = model.capabilities(name).chat();
    assertEquals(tools, chat.tools(), "tools");
    assertFalse(chat.parallelToolCalls(), "Cohere has no parallel-calls switch");
    assertEquals(images, chat.imageUrls(), "image URLs");
    assertEquals(images, chat.imageBytes(), "image bytes, as data URLs");
    assertEquals(structured, chat.structuredOutput());
    assertFalse(chat.strictSchema(), "strictness exists for tools only (strict_tools)");
    assertFalse(chat.reasoningEffort(), "thinking is on/off with a token budget, not an effort");
    assertEquals(1, chat.maxChoices());
    assertFalse(chat.logitBias());
    assertEquals(0, chat.maxTopLogprobs());
    assertTrue(chat.logprobs() && chat.logprobsInStream() && chat.tokenIds(), "logprobs as for every model");
  }

  @Test
  void theDefaultModelsCapabilitiesAreTheModelsOwn() {
    assertEquals(model.capabilities(CohereModel.DEFAULT_MODEL), model.capabilities());
    try (CohereModel vision = builder(server).model("command-a-vision-07-2025").build()) {
      assertTrue(vision.capabilities().chat().images());
      assertFalse(vision.capabilities().chat().tools());
    }
  }

  @Test
  void completionIsUnsupportedByDefaultAndSaysToUseChat() {
    OperationCapabilities completion = model.capabilities().completion();
    assertFalse(completion.supported());
    assertTrue(completion.note().contains("use chat"), completion.note());

    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class, () -> model.complete("The capital of France is"));
    assertTrue(e.getMessage().startsWith("cohere does not support completion"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void completionAsChatIsExplicitInCapabilitiesAndSendsOneUserMessage() throws Exception {
    try (CohereModel asChat = builder(server).completionAsChat(true).build()) {
      OperationCapabilities completion = asChat.capabilities().completion();
      assertTrue(completion.supported());
      assertTrue(completion.note().contains("one user message"), completion.note());
      assertEquals(0, completion.maxTopLogprobs());

      server.enqueue(json("chat/logprobs.json"));
      Completion answer = asChat.complete(CompletionRequest.builder("The capital of France is").topLogprobs(0).build());
      assertEquals("Paris, bien sûr.", answer.text());
      assertEquals(tree("{'model':'" + CohereModel.DEFAULT_MODEL + "','messages':[{'role':'user','content':'The capital of France is'}],"
          + "'logprobs':true}"), body(server.takeRequest()));

      assertThrows(UnsupportedCapabilityException.class,
          () -> asChat.complete(CompletionRequest.builder("x").echoPrompt(true).topLogprobs(0).build()));

      // Options that are not chat-only carry over, the response format among them.
      assertEquals(StructuredOutput.JSON_SCHEMA, completion.structuredOutput());
      server.enqueue(json("chat/structured.json"));
      asChat.complete(CompletionRequest.builder("Norway's largest city as JSON:").responseFormat(ResponseFormat.JSON_OBJECT).build());
      assertEquals(tree("{'type':'json_object'}"), body(server.takeRequest()).get("response_format"));
    }
  }

  @Test
  void askingForAlternativesFailsFastNamingCohere() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(5).build()));
    assertEquals("cohere returns no alternative tokens for chat (topLogprobs must be 0, was 5)", e.getMessage());
    assertEquals("cohere", e.provider());
    assertThrows(UnsupportedCapabilityException.class,
        () -> model.chatStreaming(ChatRequest.builder().user("Capital of France?").topLogprobs(1).build()));
    assertEquals(0, server.getRequestCount());
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of("temperature", (Consumer<ChatRequest.Builder>) b -> b.temperature(1.5)),
        Arguments.of("topK", (Consumer<ChatRequest.Builder>) b -> b.topK(501)),
        Arguments.of("stop sequences", (Consumer<ChatRequest.Builder>) b -> b.stop("a", "b", "c", "d", "e", "f")),
        Arguments.of("topP", (Consumer<ChatRequest.Builder>) b -> b.topP(1.0)),
        Arguments.of("topP", (Consumer<ChatRequest.Builder>) b -> b.topP(0.001)),
        Arguments.of("seed", (Consumer<ChatRequest.Builder>) b -> b.seed(-1L)),
        Arguments.of("seed", (Consumer<ChatRequest.Builder>) b -> b.seed(1L << 40)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void valuesOutsideCohereRangesFailBeforeSending(String field, Consumer<ChatRequest.Builder> setting) {
    ChatRequest.Builder b = ChatRequest.builder().user("Capital of France?");
    setting.accept(b);
    ChatRequest request = b.build();
    RequestValidationException e = assertThrows(RequestValidationException.class, () -> model.chat(request));
    assertTrue(field.startsWith(e.field()), () -> "the exception names the field: " + e.field());
    assertTrue(e.getMessage().contains(field) && e.getMessage().contains("cohere"), e.getMessage());
    assertEquals(0, e.httpStatus());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void valuesAtCohereLimitsAreSent() throws Exception {
    server.enqueue(json("chat/plain.json"));
    model.chat(ChatRequest.builder().user("Hi").temperature(1.0).topK(500).topP(0.99).seed(0L).stop("1", "2", "3", "4", "5").build());
    assertEquals(tree("{'model':'" + CohereModel.DEFAULT_MODEL + "','messages':[{'role':'user','content':'Hi'}],"
        + "'temperature':1.0,'p':0.99,'k':500,'seed':0,'stop_sequences':['1','2','3','4','5']}"), body(server.takeRequest()));
  }
}
