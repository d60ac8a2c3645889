package dev.nexttoken.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nexttoken.benchmarks.stub.Canned;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canned answers are valid JSON of the documented shapes and carry the values the checks expect. */
class CannedDataTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void chatAnswerCarries64TokensWith5AlternativesEach() throws Exception {
    JsonNode choice = json.readTree(Canned.chatJson(false)).path("choices").path(0);
    assertEquals(Canned.content(), choice.path("message").path("content").asText());
    JsonNode content = choice.path("logprobs").path("content");
    assertEquals(Canned.TOKENS, content.size());
    for (int i = 0; i < Canned.TOKENS; i++) {
      JsonNode token = content.path(i);
      assertEquals(Canned.token(i), token.path("token").asText());
      assertEquals(Canned.logprob(i), token.path("logprob").asDouble());
      assertEquals(Canned.token(i), new String(bytes(token.path("bytes")), UTF_8));
      assertEquals(Canned.TOP, token.path("top_logprobs").size());
      for (int r = 0; r < Canned.TOP; r++) {
        assertEquals(Canned.topToken(i, r), token.path("top_logprobs").path(r).path("token").asText());
        assertEquals(Canned.topLogprob(i, r), token.path("top_logprobs").path(r).path("logprob").asDouble());
      }
    }
  }

  @Test
  void alternativesAreInRankOrderAndNeverPositive() {
    for (int i = 0; i < Canned.TOKENS; i++) {
      for (int r = 1; r < Canned.TOP; r++) {
        assertTrue(Canned.topLogprob(i, r) < Canned.topLogprob(i, r - 1), "rank order at " + i);
      }
      assertTrue(Canned.logprob(i) < 0);
    }
  }

  @Test
  void streamHasARoleChunk2000ContentChunksAFinishAndAUsageChunkThenDone() throws Exception {
    List<String> events = events(Canned.chatStreamSse(false));
    assertEquals(Canned.STREAM_CHUNKS + 4, events.size());
    assertEquals("[DONE]", events.get(events.size() - 1));
    JsonNode role = json.readTree(events.get(0)).path("choices").path(0);
    assertEquals("assistant", role.path("delta").path("role").asText());
    assertEquals(0, role.path("logprobs").path("content").size());
    for (int c = 0; c < Canned.STREAM_CHUNKS; c++) {
      JsonNode chunk = json.readTree(events.get(c + 1));
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      JsonNode choice = chunk.path("choices").path(0);
      assertEquals(Canned.token(c % Canned.TOKENS), choice.path("delta").path("content").asText());
      assertEquals(1, choice.path("logprobs").path("content").size());
      assertEquals(Canned.TOP, choice.path("logprobs").path("content").path(0).path("top_logprobs").size());
    }
    JsonNode finish = json.readTree(events.get(Canned.STREAM_CHUNKS + 1)).path("choices").path(0);
    assertEquals("length", finish.path("finish_reason").asText());
    assertTrue(finish.path("logprobs").isNull());
    JsonNode usage = json.readTree(events.get(Canned.STREAM_CHUNKS + 2));
    assertEquals(0, usage.path("choices").size());
    assertEquals(Canned.STREAM_CHUNKS, usage.path("usage").path("completion_tokens").asInt());
  }

  @Test
  void responsesStreamHasItsEventsInOrderWith2000DeltasAndIncreasingSequenceNumbers() throws Exception {
    List<String[]> events = typedEvents(Canned.responsesSse(false));
    List<String> types = new ArrayList<>();
    long sequence = -1;
    StringBuilder text = new StringBuilder();
    int deltas = 0;
    JsonNode completed = null;
    for (String[] event : events) {
      JsonNode data = json.readTree(event[1]); // every data line is one JSON object
      assertEquals(event[0], data.path("type").asText(), "the event line names the payload's type");
      assertTrue(data.path("sequence_number").asLong() > sequence, "sequence numbers increase: " + event[0]);
      sequence = data.path("sequence_number").asLong();
      if (types.isEmpty() || !types.get(types.size() - 1).equals(event[0])) {
        types.add(event[0]);
      }
      switch (event[0]) {
        case "response.output_text.delta" -> {
          String token = Canned.token(deltas % Canned.TOKENS);
          assertEquals(token, data.path("delta").asText());
          JsonNode logprobs = data.path("logprobs");
          assertEquals(1, logprobs.size());
          assertEquals(token, logprobs.path(0).path("token").asText());
          assertEquals(Canned.logprob(deltas % Canned.TOKENS), logprobs.path(0).path("logprob").asDouble());
          assertTrue(logprobs.path(0).path("bytes").isMissingNode(), "a streamed logprob has no bytes (wire-formats-2 §1.4)");
          assertEquals(Canned.TOP, logprobs.path(0).path("top_logprobs").size());
          assertTrue(logprobs.path(0).path("top_logprobs").path(0).path("bytes").isMissingNode());
          text.append(token);
          deltas++;
        }
        case "response.output_text.done" -> {
          assertEquals(text.toString(), data.path("text").asText());
          assertEquals(Canned.STREAM_CHUNKS, data.path("logprobs").size());
        }
        case "response.completed" -> completed = data.path("response");
        default -> { }
      }
    }
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.content_part.added", "response.output_text.delta", "response.output_text.done",
        "response.content_part.done", "response.output_item.done", "response.completed"), types);
    assertEquals(Canned.STREAM_CHUNKS, deltas);
    assertEquals(Canned.STREAM_CHUNKS + 8, events.size());
    assertEquals("completed", completed.path("status").asText());
    assertEquals(Canned.STREAM_CHUNKS, completed.path("usage").path("output_tokens").asInt());
    JsonNode part = completed.path("output").path(0).path("content").path(0);
    assertEquals(text.toString(), part.path("text").asText());
    assertEquals(Canned.STREAM_CHUNKS, part.path("logprobs").size());
    JsonNode last = part.path("logprobs").path(Canned.STREAM_CHUNKS - 1);
    assertEquals(Canned.token((Canned.STREAM_CHUNKS - 1) % Canned.TOKENS), new String(bytes(last.path("bytes")), UTF_8),
        "a finished part's logprobs have their bytes (§1.3)");
  }

  @Test
  void corruptResponsesStreamDiffersInOneTopLogprobOfOneDelta() throws Exception {
    List<String[]> good = typedEvents(Canned.responsesSse(false));
    List<String[]> bad = typedEvents(Canned.responsesSse(true));
    assertEquals(good.size(), bad.size());
    int changed = -1;
    for (int k = 0; k < good.size(); k++) {
      if (!good.get(k)[1].equals(bad.get(k)[1])) {
        assertEquals(-1, changed, "only one event differs");
        changed = k;
      }
    }
    JsonNode delta = json.readTree(bad.get(changed)[1]);
    assertEquals("response.output_text.delta", delta.path("type").asText());
    assertEquals(Canned.token(Canned.CORRUPT_CHUNK % Canned.TOKENS), delta.path("delta").asText());
    String path = "/logprobs/0/top_logprobs/" + Canned.CORRUPT_RANK + "/logprob";
    assertEquals(Canned.corrupted(Canned.topLogprob(Canned.CORRUPT_CHUNK % Canned.TOKENS, Canned.CORRUPT_RANK)), delta.at(path).asDouble());
    assertEquals(Canned.topLogprob(Canned.CORRUPT_CHUNK % Canned.TOKENS, Canned.CORRUPT_RANK), json.readTree(good.get(changed)[1]).at(path).asDouble());
  }

  @Test
  void legacyAnswerHasParallelArraysAndOneMapOfFivePerPosition() throws Exception {
    JsonNode choice = json.readTree(Canned.legacyJson(false)).path("choices").path(0);
    assertEquals(Canned.content(), choice.path("text").asText());
    JsonNode logprobs = choice.path("logprobs");
    assertEquals(Canned.TOKENS, logprobs.path("tokens").size());
    assertEquals(Canned.TOKENS, logprobs.path("token_logprobs").size());
    assertEquals(Canned.TOKENS, logprobs.path("text_offset").size());
    assertEquals(Canned.TOKENS, logprobs.path("top_logprobs").size());
    for (int i = 0; i < Canned.TOKENS; i++) {
      Iterator<Map.Entry<String, JsonNode>> top = logprobs.path("top_logprobs").path(i).properties().iterator();
      for (int r = 0; r < Canned.TOP; r++) {
        Map.Entry<String, JsonNode> e = top.next();
        assertEquals(Canned.topToken(i, r), e.getKey());
        assertEquals(Canned.topLogprob(i, r), e.getValue().asDouble());
      }
      assertTrue(!top.hasNext());
    }
  }

  @Test
  void corruptVariantsDifferInExactlyTheOneChangedValue() throws Exception {
    JsonNode good = json.readTree(Canned.chatJson(false));
    JsonNode bad = json.readTree(Canned.chatJson(true));
    assertNotEquals(good, bad);
    String path = "/choices/0/logprobs/content/" + Canned.CORRUPT_POSITION + "/top_logprobs/" + Canned.CORRUPT_RANK + "/logprob";
    assertEquals(Canned.corrupted(Canned.topLogprob(Canned.CORRUPT_POSITION, Canned.CORRUPT_RANK)), bad.at(path).asDouble());
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad.at(path.substring(0, path.lastIndexOf('/'))))
        .put("logprob", good.at(path).asDouble());
    assertEquals(good, bad);
  }

  private static byte[] bytes(JsonNode array) {
    byte[] out = new byte[array.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = (byte) array.path(k).asInt();
    }
    return out;
  }

  /** A Responses stream's events as {type from the event line, data}; each event is exactly those two lines. */
  private static List<String[]> typedEvents(byte[] sse) {
    List<String[]> events = new ArrayList<>();
    for (String event : new String(sse, UTF_8).split("\n\n")) {
      String[] lines = event.split("\n");
      assertEquals(2, lines.length, event);
      assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), event);
      events.add(new String[] {lines[0].substring(7), lines[1].substring(6)});
    }
    return events;
  }

  private static List<String> events(byte[] sse) {
    List<String> data = new ArrayList<>();
    for (String event : new String(sse, UTF_8).split("\n\n")) {
      assertTrue(event.startsWith("data: "), event);
      data.add(event.substring(6));
    }
    return data;
  }
}
