package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.assertBody;
import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;
import dev.nexttoken.Usage;
import dev.nexttoken.error.MalformedResponseException;
import dev.nexttoken.error.NextTokenException;
import dev.nexttoken.error.StreamErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /v1/responses} streamed: {@code response.*} events, logprobs without bytes, unknown
 * events, refusals, {@code response.incomplete}, {@code response.failed} and {@code error} events,
 * a stream cut mid-way, and a collected stream equal to the blocking answer.
 */
class ResponsesStreamingTest extends ResponsesServerTest {

  private List<Chunk> chunks(CompletionStream stream) {
    List<Chunk> chunks = new ArrayList<>();
    stream.forEach(chunks::add);
    return chunks;
  }

  @Test
  void streamsTextAndLogprobsOneDeltaAtATimeAndSkipsWhatItDoesNotKnow() {
    server.enqueue(sse(read("responses", "stream-logprobs.sse")));

    try (CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2))) {
      List<Chunk> chunks = chunks(stream);
      Completion collected = stream.collect();

      assertTrue(take(server).getBody().utf8().contains("\"stream\":true"));
      assertEquals(List.of("Hello? No: the user wants a city.", "\n\nthinking about Hello"),
          chunks.stream().map(Chunk::reasoningDelta).filter(d -> !d.isEmpty()).toList(), "a new reasoning part starts apart");
      assertEquals(List.of("Paris", ".", ""), chunks.stream().filter(c -> c.reasoningDelta().isEmpty()).map(Chunk::textDelta).toList(),
          "a future event type and the .done repeats add nothing");
      assertEquals(ResponsesChatTest.PARIS_REASONING, collected.reasoning());
      assertNull(collected.reasoningLogprobs(), "reasoning carries no logprobs");
      assertEquals("Paris.", collected.text());
      assertEquals(ResponsesChatTest.parisLogprobs(), collected.logprobs(), "bytes derived from the token text; -9999 cut with k");
      assertEquals(FinishReason.of(Kind.STOP, "completed"), collected.finishReason());
      assertEquals(new Usage(19, 5, 24, 5, 3), collected.usage());
      assertEquals("gpt-4.1-mini-2025-04-14", collected.model());
      assertEquals("resp_paris", collected.metadata().responseId());
    }
  }

  @Test
  void sendsEveryMessageAsAnInputItemInOrder() {
    server.enqueue(sse(read("responses", "stream-logprobs.sse")));
    try (OpenAiResponsesModel unstored = OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString())
        .model("gpt-4.1-mini").store(false).build();
        CompletionStream stream = unstored.chatStreaming(ChatRequest.builder()
            .system("Be brief.").user("Capital of France?").assistant("Paris.").user("And of Italy?").maxTokens(16).build())) {
      stream.collect();
    }
    RecordedRequest request = take(server);
    assertBody(read("responses", "request-stream.json"), request);
    assertEquals("text/event-stream", request.getHeaders().get("Accept"));
  }

  @Test
  void collectedStreamEqualsTheBlockingAnswer() {
    server.enqueue(json(read("responses", "logprobs.json")));
    server.enqueue(sse(read("responses", "stream-logprobs.sse")));

    Completion blocking = model.chat(ResponsesChatTest.paris(2));
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2))) {
      collected = stream.collect();
    }

    assertEquals(blocking.text(), collected.text());
    assertEquals(blocking.logprobs(), collected.logprobs());
    assertEquals(blocking.reasoning(), collected.reasoning());
    assertEquals(blocking.toolCalls(), collected.toolCalls());
    assertEquals(blocking.finishReason(), collected.finishReason());
    assertEquals(blocking.usage(), collected.usage());
    assertEquals(blocking.model(), collected.model());
    assertEquals(blocking.metadata().responseId(), collected.metadata().responseId());
  }

  @Test
  void aCharacterSplitAcrossStreamedTokensGetsItsBytesFromOpenAisByteNames() {
    server.enqueue(json(read("responses", "utf8-split.json")));
    server.enqueue(sse(read("responses", "stream-utf8-split.sse")));
    ChatRequest request = ChatRequest.builder().user("Say it's").topLogprobs(2).maxTokens(16).build();

    Completion blocking = model.chat(request);
    try (CompletionStream stream = model.chatStreaming(request)) {
      List<Chunk> chunks = chunks(stream);
      Completion collected = stream.collect();

      assertEquals("", chunks.get(1).textDelta(), "the first half of ’ is no text yet");
      assertEquals(1, chunks.get(1).logprobs().size());
      assertEquals("It’s", collected.text());
      assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x80}, collected.logprobs().get(1).bytes());
      assertArrayEquals(new byte[] {(byte) 0x99}, collected.logprobs().get(2).bytes());
      assertArrayEquals(new byte[] {'\''}, collected.logprobs().get(1).topLogprobs().get(1).bytes());
      assertEquals(blocking.logprobs(), collected.logprobs());
      assertEquals(blocking.text(), collected.text());
    }
  }

  @Test
  void logprobsNotAskedForAreNotReported() {
    server.enqueue(sse(read("responses", "stream-logprobs.sse")));

    try (CompletionStream stream = model.chatStreaming(ChatRequest.builder().user("Capital of France?").maxTokens(16).build())) {
      Completion collected = stream.collect();
      assertEquals("Paris.", collected.text());
      assertNull(collected.logprobs());
    }
  }

  @Test
  void aRefusalStreamsAsTextAndEndsAsContentFilter() {
    server.enqueue(json(read("responses", "refusal.json")));
    server.enqueue(sse(read("responses", "stream-refusal.sse")));

    Completion blocking = model.chat(ResponsesChatTest.paris(2));
    try (CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2))) {
      Completion collected = stream.collect();

      assertEquals("I'm sorry, I can't help with that.", collected.text());
      assertEquals(FinishReason.of(Kind.CONTENT_FILTER, "completed"), collected.finishReason());
      assertEquals("I'm sorry, I can't help with that.", collected.metadata().extras().get("refusal"));
      assertEquals(blocking.text(), collected.text());
      assertEquals(blocking.finishReason(), collected.finishReason());
      assertEquals(blocking.metadata().extras(), collected.metadata().extras());
    }
  }

  @Test
  void responseIncompleteEndsAsLength() {
    server.enqueue(sse(read("responses", "stream-incomplete.sse")));

    try (CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2))) {
      Completion collected = stream.collect();

      assertEquals("Mango, papaya and", collected.text());
      assertEquals(FinishReason.of(Kind.LENGTH, "max_output_tokens"), collected.finishReason());
      assertNull(collected.logprobs(), "deltas with text and logprobs: [] carry none");
      assertEquals(new Usage(14, 16, 30, null, 0), collected.usage());
    }
  }

  @Test
  void responseFailedMidStreamIsATypedExceptionAndKeepsWhatCameBefore() {
    server.enqueue(sse(read("responses", "stream-failed.sse")));

    CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2));
    StreamErrorException e = assertThrows(StreamErrorException.class, () -> chunks(stream));

    assertEquals("server_error", e.details().errorCode());
    assertTrue(e.getMessage().contains("The model failed to generate a response."), e::getMessage);
    assertEquals("openai-responses", e.provider());
    assertEquals("Once upon", stream.partial().text());
    stream.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "stream-error-event.sse, rate_limit_exceeded, Rate limit reached for gpt-4o-mini.",
      "stream-error-nested.sse, server_error, An error occurred while processing your request.",
      "stream-error-untyped.sse, invalid_prompt, The prompt was flagged."})
  void anErrorEventInAnyObservedShapeIsAStreamError(String fixture, String code, String message) {
    server.enqueue(sse(read("responses", fixture)));

    CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2));
    StreamErrorException e = assertThrows(StreamErrorException.class, () -> chunks(stream));

    assertEquals(code, e.details().errorCode());
    assertTrue(e.getMessage().contains(message), e::getMessage);
    assertEquals("Once upon", stream.partial().text());
    stream.close();
  }

  /**
   * The mapper notices a top-level {@code "error"} itself (so core does not read every event again to
   * look for one); an event it drops unread by name, stops reading after its type or its item's type,
   * or reads whole, all still end the stream with the typed error, after what came before.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "dropped by its name | event: response.output_text.done\\ndata: {\"type\":\"response.output_text.done\",ERROR}",
      "dropped after its type | data: {\"type\":\"response.content_part.done\",ERROR}",
      "dropped after its item's type | data: {\"type\":\"response.output_item.done\",\"item\":{\"type\":\"message\"},ERROR}",
      "an event of a type it reads | data: {\"type\":\"response.output_text.delta\",\"delta\":\"!\",ERROR}",
      "an event of no type | data: {ERROR}",
      "an error ahead of the type | data: {ERROR,\"type\":\"response.output_text.delta\",\"delta\":\"!\"}"})
  void aTopLevelErrorInAnyEventIsATypedStreamError(String where, String event) {
    String body = read("responses", "stream-logprobs.sse");
    String error = "\"error\":{\"code\":\"server_error\",\"message\":\"Boom mid-stream.\"}";
    String cut = body.substring(0, body.indexOf("event: response.output_text.done"));
    server.enqueue(sse(cut + event.replace("\\n", "\n").replace("ERROR", error) + "\n\n"));

    CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2));
    StreamErrorException e = assertThrows(StreamErrorException.class, () -> chunks(stream));

    assertEquals("server_error", e.details().errorCode());
    assertTrue(e.getMessage().contains("Boom mid-stream."), e::getMessage);
    assertEquals("Paris.", stream.partial().text());
    stream.close();
  }

  /**
   * The events that repeat what the deltas said are not parsed past what shows they are repeats: their
   * SSE name, else their leading {@code type}, or an item's {@code type} that is not a function call.
   * Each is broken right after that point here, and the stream still collects to the same answer, with
   * the {@code event:} lines and without them. The tools stream has no repeats to break (its items
   * are calls, which are read whole): it shows that they still are.
   */
  @ParameterizedTest(name = "{0}, event lines: {1}")
  @CsvSource({
      "stream-logprobs.sse, true", "stream-logprobs.sse, false",
      "stream-reasoning.sse, true", "stream-reasoning.sse, false",
      "stream-refusal.sse, true", "stream-refusal.sse, false",
      "stream-tools-parallel.sse, true", "stream-tools-parallel.sse, false",
      "stream-structured.sse, true", "stream-structured.sse, false"})
  void theRepeatsAreKnownByTheirNameOrLeadingTypeAndNotReadFurther(String fixture, boolean eventLines) {
    String body = read("responses", fixture);
    server.enqueue(sse(body));
    server.enqueue(sse(withoutEventLinesUnless(eventLines, repeatsBrokenAfterTheirType(body))));

    Completion whole = collect(ResponsesChatTest.paris(2));
    Completion broken = collect(ResponsesChatTest.paris(2));

    assertEquals(whole.text(), broken.text());
    assertEquals(whole.logprobs(), broken.logprobs());
    assertEquals(whole.reasoning(), broken.reasoning());
    assertEquals(whole.toolCalls(), broken.toolCalls());
    assertEquals(whole.finishReason(), broken.finishReason());
    assertEquals(whole.usage(), broken.usage());
    assertEquals(whole.metadata().extras(), broken.metadata().extras());
    assertEquals(whole.metadata().responseId(), broken.metadata().responseId());
  }

  private Completion collect(ChatRequest request) {
    try (CompletionStream stream = model.chatStreaming(request)) {
      return stream.collect();
    }
  }

  /** The repeats of wire-formats-2 §1.4: what the deltas before them said, again. */
  private static final Set<String> REPEATS = Set.of("response.output_text.done", "response.content_part.added",
      "response.content_part.done", "response.refusal.done", "response.reasoning_summary_part.added",
      "response.reasoning_summary_part.done", "response.reasoning_summary_text.done", "response.reasoning_text.done");

  private static final Pattern TYPE = Pattern.compile("^data: \\{\"type\":\"([^\"]+)\"", Pattern.MULTILINE);
  private static final Pattern ITEM_TYPE = Pattern.compile("\"item\":\\{(?:\"id\":\"[^\"]*\",)?\"type\":\"([^\"]+)\"");

  /** {@code body} with each repeat's data cut right after what tells it apart, and followed by text that is no JSON. */
  private static String repeatsBrokenAfterTheirType(String body) {
    StringBuilder out = new StringBuilder();
    for (String event : body.split("\n\n")) {
      Matcher type = TYPE.matcher(event);
      Matcher item = ITEM_TYPE.matcher(event);
      String name = type.find() ? type.group(1) : "";
      if (REPEATS.contains(name)) {
        event = event.substring(0, type.end()) + ", not JSON";
      } else if (name.startsWith("response.output_item.") && item.find() && !item.group(1).equals("function_call")) {
        event = event.substring(0, item.end()) + ", not JSON";
      }
      out.append(event).append("\n\n");
    }
    return out.toString();
  }

  private static String withoutEventLinesUnless(boolean keep, String body) {
    return keep ? body : body.replaceAll("(?m)^event: .*\n", "");
  }

  @Test
  void aStreamCutMidWayIsMalformedNotAShortAnswer() {
    String body = read("responses", "stream-logprobs.sse");
    String cut = body.substring(0, body.indexOf("event: response.output_text.done"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(cut)
        .removeHeader("Content-Length").setHeader("Connection", "close")
        .onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build());

    CompletionStream stream = model.chatStreaming(ResponsesChatTest.paris(2));
    NextTokenException e = assertThrows(MalformedResponseException.class, () -> chunks(stream));

    assertTrue(e.getMessage().contains("cut short"), e::getMessage);
    assertEquals("Paris.", stream.partial().text());
    assertEquals(2, stream.partial().logprobs().size());
    stream.close();
  }
}
