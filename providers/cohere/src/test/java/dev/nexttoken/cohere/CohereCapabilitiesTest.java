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
import dev.nexttoken.ParameterLimits;
import dev.nexttoken.Range;
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
