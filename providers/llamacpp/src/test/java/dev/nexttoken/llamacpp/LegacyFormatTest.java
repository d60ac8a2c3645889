package dev.nexttoken.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.FinishReason;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probability format of servers built before December 2024: {@code {content, probs[{tok_str, prob}]}}. */
class LegacyFormatTest extends MockServerTest {
  private static CompletionRequest request(int topLogprobs) {
    return CompletionRequest.builder("Say hello").maxTokens(2).topLogprobs(topLogprobs).build();
  }

  @Test
  void linearProbabilitiesBecomeLogprobsWithoutIdsOrBytes() {
    server.enqueue(Fixtures.json("completion/legacy"));

    Completion c = model.complete(request(2));

    assertEquals("Hello world", c.text());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "limit"), c.finishReason(), "from stopped_limit");
    TokenLogprob hello = c.logprobs().get(0);
    assertEquals("Hello", hello.token());
    assertNull(hello.id());
    assertNull(hello.bytes());
    assertEquals(Math.log(0.9), hello.logprob(), 1e-15, "the chosen token's prob, found among its candidates");
    assertEquals(List.of(new TokenCandidate("Hello", null, null, Math.log(0.9)), new TokenCandidate("Hi", null, null, Math.log(0.05))),
        hello.topLogprobs());
  }

  @Test
  void chosenTokenOutsideItsCandidatesHasUnknownLogprob() {
    server.enqueue(Fixtures.json("completion/legacy"));

    TokenLogprob world = model.complete(request(2)).logprobs().get(1);

    assertEquals(" world", world.token());
    assertNull(world.logprob(), "the old format gives the chosen token's probability only through its candidates");
    assertEquals(List.of(" there", " everyone"), world.topLogprobs().stream().map(TokenCandidate::token).toList());
  }

  @Test
  void chosenOnlyDropsTheCandidates() {
    server.enqueue(Fixtures.json("completion/legacy"));

    List<TokenLogprob> logprobs = model.complete(request(0)).logprobs();

    assertEquals(List.of(List.of(), List.of()), logprobs.stream().map(TokenLogprob::topLogprobs).toList());
    assertEquals(Math.log(0.9), logprobs.get(0).logprob(), 1e-15);
  }

  @Test
  void streamIgnoresTheProbabilitiesOldServersRepeatedInTheFinalEvent() {
    server.enqueue(Fixtures.json("completion/legacy"));
    server.enqueue(Fixtures.sse("completion/legacy"));

    Completion whole = model.complete(request(2));
    Completion collected;
    try (CompletionStream stream = model.completeStreaming(request(2))) {
      collected = stream.collect();
    }

    assertEquals(2, collected.logprobs().size(), "not four: the final event's copy is not counted again");
    assertEquals(whole, collected);
  }
}
