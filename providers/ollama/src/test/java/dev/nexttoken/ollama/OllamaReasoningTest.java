package dev.nexttoken.ollama;

import static dev.nexttoken.ollama.OllamaTestSupport.body;
import static dev.nexttoken.ollama.OllamaTestSupport.json;
import static dev.nexttoken.ollama.OllamaTestSupport.ndjson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.ReasoningEffort;
import dev.nexttoken.logprob.FieldConfidence;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A thinking model: {@code thinking} kept apart from the answer, with its own logprobs; {@code think} from the effort. */
class OllamaReasoningTest extends OllamaServerTest {
  private static final ChatRequest ASK = ChatRequest.builder().user("Capital of France, as JSON?")
      .jsonSchema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}").topLogprobs(2).build();

  private Completion answer(boolean stream) {
    return answer("thinking", stream, ASK);
  }

  private static String spelled(List<TokenLogprob> tokens) {
    return tokens.stream().map(TokenLogprob::token).collect(Collectors.joining());
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void theReasoningAndItsTokensAreKeptApartFromTheAnswer(boolean stream) {
    Completion c = answer(stream);

    assertEquals("{\"city\":\"Paris\"}", c.text());
    assertEquals("The capital is Paris.", c.reasoning());
    assertEquals(c.text(), spelled(c.logprobs()), "the answer's logprobs spell the answer, nothing else");
    assertEquals("<think>The capital is Paris.</think>\n\n", spelled(c.reasoningLogprobs()), "the rest, tags included, is reasoning");
    assertEquals(List.of("Paris", "Lyon"), c.logprobs().get(4).topLogprobs().stream().map(t -> t.token()).toList());
  }

  @ParameterizedTest(name = "stream {0}")
  @ValueSource(booleans = {false, true})
  void perFieldConfidenceReadsTheAnswersTokensOnly(boolean stream) {
    List<FieldConfidence> fields = answer(stream).fieldConfidences();

    assertEquals(1, fields.size());
    assertEquals("$.city", fields.get(0).path());
    assertEquals("Paris", fields.get(0).value());
    assertEquals(-0.15, fields.get(0).logprob(), 1e-12);
  }

  @Test
  void aCollectedStreamEqualsTheBlockingAnswer() {
    Completion whole = answer(false);
    Completion collected = answer(true);

    assertEquals(whole.text(), collected.text());
    assertEquals(whole.reasoning(), collected.reasoning());
    assertEquals(whole.logprobs(), collected.logprobs());
    assertEquals(whole.reasoningLogprobs(), collected.reasoningLogprobs());
    assertEquals(whole.finishReason(), collected.finishReason());
    assertEquals(whole.usage(), collected.usage());
  }

  @Test
  void aStreamDeliversTheReasoningAsItComesAndTheSplitLogprobsAtTheEnd() {
    server.enqueue(ndjson("chat/thinking.ndjson"));

    List<Chunk> chunks;
    try (CompletionStream s = model.chatStreaming(ASK)) {
      chunks = s.stream().toList();
    }

    assertEquals(List.of("The capital", " is Paris."),
        chunks.stream().map(Chunk::reasoningDelta).filter(d -> !d.isEmpty()).toList());
    assertTrue(chunks.stream().allMatch(ch -> ch.textDelta().isEmpty() || !ch.textDelta().contains("capital")), "reasoning never in the text");
    Chunk last = chunks.get(chunks.size() - 1);
    assertTrue(chunks.subList(0, chunks.size() - 1).stream().allMatch(ch -> ch.logprobs() == null && ch.reasoningLogprobs() == null),
        "where the answer's tokens begin is known only at the end");
    assertEquals(6, last.logprobs().size());
    assertEquals(8, last.reasoningLogprobs().size());
  }

  @Test
  void aThinkingAnswerWithoutABoundaryKeepsOllamasSequenceWhole() {
    // "\n\n{" in one token: no token boundary where the answer begins, so nothing is split off.
    server.enqueue(OllamaTestSupport.jsonBody(200, "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"{}\",\"thinking\":\"Hm\"},"
        + "\"done\":true,\"done_reason\":\"stop\",\"logprobs\":[{\"token\":\"Hm\",\"logprob\":-0.1},{\"token\":\"</think>\\n\\n{\",\"logprob\":-0.2},"
        + "{\"token\":\"}\",\"logprob\":-0.3}]}"));

    Completion c = model.chat(ASK);

    assertEquals("Hm", c.reasoning());
    assertEquals(3, c.logprobs().size(), "as Ollama sent it");
    assertNull(c.reasoningLogprobs());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"LOW, low", "MEDIUM, medium", "HIGH, high"})
  void reasoningEffortIsThinksLevel(ReasoningEffort effort, String level) throws Exception {
    server.enqueue(json("chat/hello.json"));

    model.chat(ChatRequest.builder().user("Hi").reasoningEffort(effort).build());

    JsonNode think = body(server.takeRequest()).get("think");
    assertTrue(think.isTextual(), think::toString);
    assertEquals(level, think.asText());
  }

  @Test
  void withoutAnEffortNoThinkIsSentAndTheModelsDefaultApplies() throws Exception {
    server.enqueue(json("chat/hello.json"));

    Completion c = model.chat(ChatRequest.builder().user("Hi").build());

    assertNull(body(server.takeRequest()).get("think"));
    assertNull(c.reasoning(), "no thinking sent: no reasoning");
  }
}
