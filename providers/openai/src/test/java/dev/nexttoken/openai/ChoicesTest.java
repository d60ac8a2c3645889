package dev.nexttoken.openai;

import static dev.nexttoken.openai.OpenAiFixtures.json;
import static dev.nexttoken.openai.OpenAiFixtures.read;
import static dev.nexttoken.openai.OpenAiFixtures.sent;
import static dev.nexttoken.openai.OpenAiFixtures.sse;
import static dev.nexttoken.openai.OpenAiFixtures.take;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nexttoken.ChatRequest;
import dev.nexttoken.Chunk;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.LogitBias;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several answers per call ({@code n}) on both routes: the answer is choice 0, the others
 * {@link Completion#otherChoices()} in index order, each with its own text, logprobs and finish
 * reason; stream chunks name their choice, so a collected stream equals the blocking answer.
 */
class ChoicesTest extends OpenAiServerTest {
  @Override
  protected String defaultModel() {
    return null;
  }

  /** The chunks of choices 0, 1 and 2 arrive interleaved (read as one answer they gave "ParisRomeBerlin..."). */
  @Test
  void chatChoicesEachKeepTheirOwnAnswerBlockingAndStreamed() {
    server.enqueue(json(read("chat", "n3.json")));
    server.enqueue(sse(read("chat", "stream-n3.sse")));
    ChatRequest request = ChatRequest.builder().model("gpt-4o-mini").user("A capital?").topLogprobs(1).choices(3).build();

    Completion whole = openAi.chat(request);
    List<Chunk> chunks = new ArrayList<>();
    Completion collected;
    try (CompletionStream stream = openAi.chatStreaming(request)) {
      stream.forEach(chunks::add);
      collected = stream.collect();
    }

    assertEquals(3, sent(take(server)).get("n").asInt());
    assertEquals(List.of("Paris.", "Rome!", "Berlin?"), whole.choices().stream().map(Completion::text).toList());
    assertEquals(List.of(FinishReason.Kind.LENGTH, FinishReason.Kind.STOP, FinishReason.Kind.STOP),
        whole.choices().stream().map(c -> c.finishReason().kind()).toList());
    assertEquals(List.of("Rome", "!"), whole.otherChoices().get(0).logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(-2.3, whole.otherChoices().get(1).logprobs().get(0).logprob());
    assertEquals(new Usage(12, 6, 18), whole.otherChoices().get(1).usage(), "usage is the response's, shared");
    assertEquals(whole, collected);
    assertEquals(List.of(0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 0, 2, 0),
        chunks.stream().map(Chunk::choice).toList(), "each chunk names its choice; the usage chunk is choice 0's");
  }

  @Test
  void legacyCompletionSendsNAndLogitBiasAndMapsEveryChoiceBlockingAndStreamed() {
    server.enqueue(json(read("completions", "n2.json")));
    server.enqueue(sse(read("completions", "stream-n2.sse")));
    CompletionRequest request = CompletionRequest.builder("The capital of France is").model("gpt-3.5-turbo-instruct")
        .maxTokens(2).topLogprobs(1).choices(2).logitBias(LogitBias.ofTokenIds(Map.of(11, -100.0))).build();

    Completion whole = openAi.complete(request);
    Completion collected;
    try (CompletionStream stream = openAi.completeStreaming(request)) {
      collected = stream.collect();
    }

    JsonNode body = sent(take(server));
    assertEquals(2, body.get("n").asInt());
    assertEquals("{\"11\":-100.0}", body.get("logit_bias").toString());
    assertEquals(List.of(" Paris.", " the"), whole.choices().stream().map(Completion::text).toList());
    assertEquals(FinishReason.Kind.STOP, whole.otherChoices().get(0).finishReason().kind());
    assertEquals(List.of(" the"), whole.otherChoices().get(0).logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(whole, collected);
  }
}
