package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.error.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Several answers per request: {@code candidateCount} out, candidates by index back. */
class GeminiChoicesTest extends MockGeminiTest {
  @Test
  void choicesAreTheCandidateCountAndOneIsNotSent() throws Exception {
    server.enqueue(json("generate/candidates.json"));
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user("Greet me").choices(3).build());
    model.chat(ChatRequest.builder().user("Greet me").choices(1).build());

    assertEquals(3, body(server.takeRequest()).get("generationConfig").get("candidateCount").asInt());
    assertNull(body(server.takeRequest()).get("generationConfig"));
  }

  @Test
  void candidatesAreChoicesInIndexOrderWithTheirOwnFinishAndTheSharedUsage() {
    server.enqueue(json("generate/candidates.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Greet me").choices(3).build());

    assertEquals(List.of("Ahoy!", "Hello there!", "Greetings, traveller, and"), answer.choices().stream().map(Completion::text).toList(),
        "index 0 (left out by proto3) first, then 1 and 2 although sent 2 before 1");
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "MAX_TOKENS"), answer.otherChoices().get(1).finishReason());
    assertEquals(answer.usage(), answer.otherChoices().get(0).usage(), "Gemini counts all candidates together");
    assertEquals("resp-three-4", answer.otherChoices().get(1).metadata().responseId());
    assertEquals("-0.4", answer.otherChoices().get(0).metadata().extras().get("avgLogprobs"), "each candidate's own average");
  }

  @Test
  void gemini3TakesOneCandidateAndOthersUpToEightBothRefusedBeforeSending() {
    UnsupportedCapabilityException three = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").model("gemini-3-pro-preview").choices(2).build()));
    assertEquals("choices", three.field());
    UnsupportedCapabilityException nine = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chat(ChatRequest.builder().user("Hi").choices(9).build()));
    assertTrue(nine.getMessage().contains("at most 8"), nine.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aStreamOfTwoCandidatesIsOneChunkPerCandidateAndCollectsToTheBlockingTwoChoiceAnswer() throws Exception {
    server.enqueue(json("generate/candidates-two.json"));
    server.enqueue(sse("stream/candidates-two.sse"));
    Completion whole = model.chat(ChatRequest.builder().user("What colour is the sky?").choices(2).build());
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ChatRequest.builder().user("What colour is the sky?").choices(2).build())) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    server.takeRequest();
    RecordedRequest streamed = server.takeRequest();
    assertTrue(streamed.getTarget().contains(":streamGenerateContent?alt=sse"), streamed.getTarget());
    assertEquals(2, body(streamed).get("generationConfig").get("candidateCount").asInt());
    assertEquals(List.of(0, 1, 0, 1, 1), chunks.stream().map(Chunk::choice).toList(),
        "both candidates of an event, in index order although the second event sent index 1 first");
    assertEquals(List.of("The sk", "Blu", "y is blue.", "e, most", "ly"), chunks.stream().map(Chunk::textDelta).toList());
    assertEquals(List.of("The sky is blue.", "Blue, mostly"), whole.choices().stream().map(Completion::text).toList());
    assertEquals(whole.choices().stream().map(Completion::text).toList(), collected.choices().stream().map(Completion::text).toList());
    assertEquals(whole.choices().stream().map(Completion::finishReason).toList(),
        collected.choices().stream().map(Completion::finishReason).toList(), "STOP for the first, MAX_TOKENS for the second");
    assertEquals(whole.choices().stream().map(Completion::usage).toList(), collected.choices().stream().map(Completion::usage).toList(),
        "the last cumulative count, shared by both as Gemini counts them together");
    assertEquals(whole.model(), collected.model());
    assertEquals(whole.metadata().responseId(), collected.otherChoices().get(0).metadata().responseId());
  }

  @Test
  void gemini3StreamsOneCandidateOnlyRefusedBeforeSending() {
    UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
        () -> model.chatStreaming(ChatRequest.builder().user("Hi").model("gemini-3-pro-preview").choices(2).build()));
    assertEquals("choices", e.field());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aStreamEventForAnotherCandidateIsThatChoice() {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(
        "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"index\":1,\"finishReason\":\"STOP\"}]}\n\n")
        .build());
    try (CompletionStream stream = model.chatStreaming(ChatRequest.of("Hi"))) {
      assertEquals(1, stream.iterator().next().choice());
    }
  }
}
