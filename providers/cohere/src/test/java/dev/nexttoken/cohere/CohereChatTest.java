package dev.nexttoken.cohere;

import static dev.nexttoken.cohere.CohereTestSupport.body;
import static dev.nexttoken.cohere.CohereTestSupport.json;
import static dev.nexttoken.cohere.CohereTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Non-streamed {@code /v2/chat}: what is sent, and how the answer maps to neutral values. */
class CohereChatTest extends MockCohereTest {
  @Test
  void sendsEveryOptionUnderCohereNamesAndNothingElse() throws Exception {
    server.enqueue(json("chat/logprobs.json"));
    model.chat(ChatRequest.builder()
        .model("command-r-08-2024")
        .system("Answer in one word.")
        .message(Message.developer("Be brief."))
        .user("Capital of France?")
        .assistant("Paris.")
        .user("Sure?")
        .temperature(0.3)
        .maxTokens(10)
        .topP(0.75)
        .topK(40)
        .seed(42L)
        .stop("\n\n", "END")
        .topLogprobs(0)
        .build());

    RecordedRequest request = server.takeRequest();
    assertEquals("POST", request.getMethod());
    assertEquals("/v2/chat", request.getUrl().encodedPath());
    assertEquals("Bearer " + CohereTestSupport.KEY, request.getHeaders().get("Authorization"));
    assertEquals(tree("{'model':'command-r-08-2024','messages':["
        + "{'role':'system','content':'Answer in one word.'},"
        + "{'role':'system','content':'Be brief.'},"
        + "{'role':'user','content':'Capital of France?'},"
        + "{'role':'assistant','content':'Paris.'},"
        + "{'role':'user','content':'Sure?'}],"
        + "'temperature':0.3,'max_tokens':10,'p':0.75,'k':40,'seed':42,"
        + "'stop_sequences':['\\n\\n','END'],'logprobs':true}"), body(request));
  }

  @Test
  void sendsOnlyModelAndMessagesWhenNothingIsSet_andNoLogprobsField() throws Exception {
    server.enqueue(json("chat/plain.json"));
    model.chat("Capital of France?");
    assertEquals(tree("{'model':'" + CohereModel.DEFAULT_MODEL + "','messages':[{'role':'user','content':'Capital of France?'}]}"),
        body(server.takeRequest()));
  }

  @Test
  void mapsTextFinishReasonUsageIdAndBilledUnits() {
    server.enqueue(json("chat/logprobs.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(0).build());

    assertEquals("Paris, bien sûr.", answer.text());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "COMPLETE"), answer.finishReason());
    // What the model processed, template included: usage.tokens, not billed_units.
    assertEquals(new Usage(212, 6, 218, 0, null), answer.usage(), "cached_tokens 0 reported; no reasoning count");
    assertEquals("5c1f6c0e-0000-4000-8000-000000000000", answer.metadata().responseId());
    assertEquals(Map.of("billed_units.input_tokens", "9", "billed_units.output_tokens", "6", "cached_tokens", "0"),
        answer.metadata().extras());
    assertNull(answer.model(), "the v2 response does not name the model");
    assertNull(answer.promptLogprobs());
  }

  @Test
  void oneEntryPerTokenId_withAlternativesUnknownNotEmpty() {
    server.enqueue(json("chat/logprobs.json"));
    List<TokenLogprob> tokens = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(0).build()).logprobs();

    assertEquals(List.of(
        new TokenLogprob("Paris", null, 41521, -0.0031, null),
        new TokenLogprob(",", null, 19, -0.52, null),
        new TokenLogprob(" bien", null, 8740, -1.2, null),
        // One item, two ids: the text exists once both are generated, so it sits on the last.
        new TokenLogprob("", null, 4598, -0.25, null),
        new TokenLogprob(" sûr", null, 3074, -0.0007, null),
        new TokenLogprob(".", null, 21, -0.11, null)), tokens);
    for (TokenLogprob token : tokens) {
      assertNull(token.topLogprobs(), "Cohere reports no alternatives: unknown (null), never an empty list");
      assertNull(token.bytes());
    }
    assertEquals("Paris, bien sûr.", tokens.stream().map(TokenLogprob::token).collect(Collectors.joining()));
  }

  @Test
  void thinkingIsReasoningNotText_andLogprobsStayNullWhenNotAsked() {
    server.enqueue(json("chat/plain.json"));
    Completion answer = model.chat("Capital of France?");
    assertEquals("Paris", answer.text());
    assertEquals("The user wants the capital.", answer.reasoning());
    assertNull(answer.reasoningLogprobs());
    assertEquals(List.of(), answer.toolCalls());
    assertNull(answer.logprobs());
    assertEquals(Map.of("billed_units.input_tokens", "9", "billed_units.output_tokens", "1"), answer.metadata().extras());
  }

  @Test
  void askedLogprobsButNoneReturnedGivesNull() {
    server.enqueue(json("chat/plain.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").topLogprobs(0).build());
    assertNull(answer.logprobs(), "the answer carries no logprobs: null, as when not asked (was an empty list)");
  }

  @Test
  void maxTokensIsLength() {
    server.enqueue(json("chat/max-tokens.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").maxTokens(2).topLogprobs(0).build());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "MAX_TOKENS"), answer.finishReason());
    assertEquals(new Usage(212, 2, 214, null, null), answer.usage(), "no cached_tokens: null");
    assertEquals(2, answer.logprobs().size());
  }

  @Test
  void stopSequenceIsStop() {
    server.enqueue(json("chat/stop-sequence.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Capital of France?").stop(".").build());
    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "STOP_SEQUENCE"), answer.finishReason());
  }
}
