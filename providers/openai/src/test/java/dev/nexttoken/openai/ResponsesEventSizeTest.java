package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.FinishReason.Kind;
import dev.nexttoken.Usage;
import dev.nexttoken.error.StreamTooLargeException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * How large one Responses stream event may be. A streamed answer ends with four events that repeat
 * it whole, logprobs included (wire-formats-2 §1.4); with 5 alternatives {@code response.completed}
 * passes 1 MiB at about 2,200 tokens, so the route's own bound
 * ({@link OpenAiResponsesModel#DEFAULT_MAX_EVENT_BYTES}) is sized for the longest answer, and is still
 * a bound, and still the caller's to set.
 */
class ResponsesEventSizeTest extends ResponsesServerTest {
  /** Tokens of the long answer: its {@code response.completed} is about 1.4 MB. */
  private static final int TOKENS = 2_600;
  private static final int K = 5;
  private static final Usage USAGE = new Usage(12, TOKENS, TOKENS + 12, 0, 0);

  private static ChatRequest longAnswer() {
    return ChatRequest.builder().user("Write at length.").topLogprobs(K).maxTokens(TOKENS).build();
  }

  @Test
  void aResponseCompletedOverOneMebibyteEndsTheStreamWithItsFinishReasonAndUsage() {
    String body = longStream();
    assertTrue(completed(body).length() > 1 << 20, "the terminal event is over the old 1 MiB default");
    server.enqueue(sse(body));

    try (CompletionStream stream = model.chatStreaming(longAnswer())) {
      Completion collected = stream.collect();

      assertEquals(FinishReason.of(Kind.STOP, "completed"), collected.finishReason());
      assertEquals(USAGE, collected.usage());
      assertEquals(text(), collected.text());
      assertEquals(TOKENS, collected.logprobs().size());
      assertEquals(K, collected.logprobs().get(TOKENS - 1).topLogprobs().size());
      assertEquals("resp_long", collected.metadata().responseId());
    }
  }

  @Test
  void aBoundSetOnTheBuilderReplacesTheRoutesDefault() {
    server.enqueue(sse(longStream()));

    try (OpenAiResponsesModel tight = OpenAiResponsesModel.builder().baseUrl(server.url("/v1").toString()).apiKey("sk-test-key")
        .model("gpt-4.1-mini").maxRetries(0).maxEventBytes(1 << 20).build();
        CompletionStream stream = tight.chatStreaming(longAnswer())) {
      StreamTooLargeException e = assertThrows(StreamTooLargeException.class, stream::collect);
      assertTrue(e.getMessage().contains("1048576"), e::getMessage);
    }
  }

  @Test
  void anEventOverTheRoutesDefaultStillFails() {
    // A line that never ends: the reader gives up once it holds the bound, whatever follows.
    Buffer body = new Buffer().writeUtf8(head() + delta(0) + "data: ");
    byte[] filler = new byte[1 << 16];
    java.util.Arrays.fill(filler, (byte) 'x');
    for (long written = 0; written <= OpenAiResponsesModel.DEFAULT_MAX_EVENT_BYTES; written += filler.length) {
      body.write(filler);
    }
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build());

    try (CompletionStream stream = model.chatStreaming(longAnswer())) {
      StreamTooLargeException e = assertThrows(StreamTooLargeException.class, stream::collect);
      assertTrue(e.getMessage().contains("maxEventBytes"), e::getMessage);
      assertTrue(e.getMessage().contains(Long.toString(OpenAiResponsesModel.DEFAULT_MAX_EVENT_BYTES)), e::getMessage);
    }
  }

  // ---- the long answer, in the shapes of wire-formats-2 §1.3 and §1.4 ------------------------------

  private static String token(int i) {
    return i % 7 == 0 ? " probability" : i % 3 == 0 ? " of" : " token" + i % 10;
  }

  private static String text() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < TOKENS; i++) {
      b.append(token(i));
    }
    return b.toString();
  }

  private static String longStream() {
    StringBuilder b = new StringBuilder(head());
    for (int i = 0; i < TOKENS; i++) {
      b.append(delta(i));
    }
    String part = "{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":" + logprobs(true) + ",\"text\":" + quoted(text()) + "}";
    String message = "{\"id\":\"msg_long\",\"type\":\"message\",\"status\":\"completed\",\"content\":[" + part + "],\"role\":\"assistant\"}";
    b.append(event("response.output_text.done", "\"item_id\":\"msg_long\",\"output_index\":0,\"content_index\":0,\"text\":"
        + quoted(text()) + ",\"logprobs\":" + logprobs(false)));
    b.append(event("response.content_part.done", "\"item_id\":\"msg_long\",\"output_index\":0,\"content_index\":0,\"part\":" + part));
    b.append(event("response.output_item.done", "\"output_index\":0,\"item\":" + message));
    b.append(event("response.completed", "\"response\":{\"id\":\"resp_long\",\"object\":\"response\",\"status\":\"completed\","
        + "\"error\":null,\"incomplete_details\":null,\"model\":\"gpt-4.1-mini-2025-04-14\",\"output\":[" + message + "],"
        + "\"top_logprobs\":" + K + ",\"usage\":{\"input_tokens\":12,\"input_tokens_details\":{\"cached_tokens\":0},"
        + "\"output_tokens\":" + TOKENS + ",\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":" + (TOKENS + 12) + "}}"));
    return b.toString();
  }

  private static String head() {
    String response = "{\"id\":\"resp_long\",\"object\":\"response\",\"status\":\"in_progress\",\"error\":null,"
        + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"output\":[],\"usage\":null}";
    return event("response.created", "\"response\":" + response)
        + event("response.output_item.added", "\"output_index\":0,\"item\":{\"id\":\"msg_long\",\"type\":\"message\","
            + "\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}")
        + event("response.content_part.added", "\"item_id\":\"msg_long\",\"output_index\":0,\"content_index\":0,"
            + "\"part\":{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"\"}");
  }

  private static String delta(int i) {
    return event("response.output_text.delta", "\"item_id\":\"msg_long\",\"output_index\":0,\"content_index\":0,\"delta\":"
        + quoted(token(i)) + ",\"logprobs\":[" + entry(i, false) + "]");
  }

  private static String completed(String body) {
    return body.substring(body.indexOf("data: {\"type\":\"response.completed\""));
  }

  private static String event(String type, String fields) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"," + fields + "}\n\n";
  }

  /** Every token's entry: with bytes as in a whole answer, without as in a delta. */
  private static String logprobs(boolean bytes) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < TOKENS; i++) {
      b.append(i == 0 ? "" : ",").append(entry(i, bytes));
    }
    return b.append(']').toString();
  }

  private static String entry(int i, boolean bytes) {
    StringBuilder b = new StringBuilder();
    candidate(b, token(i), -0.0123456789, bytes);
    b.setLength(b.length() - 1);
    b.append(",\"top_logprobs\":[");
    for (int r = 0; r < K; r++) {
      candidate(b.append(r == 0 ? "" : ","), r == 0 ? token(i) : token(i + r), -0.0123456789 - 1.5 * r, bytes);
    }
    return b.append("]}").toString();
  }

  private static void candidate(StringBuilder b, String token, double logprob, boolean bytes) {
    b.append("{\"token\":").append(quoted(token)).append(",\"logprob\":").append(logprob);
    if (bytes) {
      b.append(",\"bytes\":[");
      byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
      for (int j = 0; j < utf8.length; j++) {
        b.append(j == 0 ? "" : ",").append(utf8[j] & 0xFF);
      }
      b.append(']');
    }
    b.append('}');
  }

  private static String quoted(String text) {
    return '"' + text + '"'; // the tokens here need no escapes
  }
}
