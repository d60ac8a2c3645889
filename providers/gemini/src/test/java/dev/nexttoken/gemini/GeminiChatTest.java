package dev.nexttoken.gemini;

import static dev.nexttoken.gemini.GeminiTestSupport.body;
import static dev.nexttoken.gemini.GeminiTestSupport.json;
import static dev.nexttoken.gemini.GeminiTestSupport.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.FinishReason;
import dev.nexttoken.Message;
import dev.nexttoken.Usage;
import dev.nexttoken.logprob.TokenCandidate;
import dev.nexttoken.logprob.TokenLogprob;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Blocking {@code generateContent}: what is sent, and how the answer reads. */
class GeminiChatTest extends MockGeminiTest {
  private static final ChatRequest TOP3 = ChatRequest.builder().user("What colour is the sky?").topLogprobs(3).build();

  @Test
  void sendsTheKeyInItsHeaderToTheModelsPathAndOnlyDocumentedFields() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder()
        .system("Be brief.")
        .message(Message.developer("Answer in English."))
        .user("Say hello")
        .assistant("Hello!")
        .user("Again")
        .maxTokens(8).temperature(0.5).topP(0.9).topK(40).seed(7L).stop(List.of("\n\n"))
        .topLogprobs(2)
        .build());

    RecordedRequest request = server.takeRequest();
    assertEquals("/v1beta/models/gemini-2.0-flash:generateContent", request.getUrl().encodedPath());
    assertNull(request.getUrl().query(), "the key is never in the URL");
    assertEquals(GeminiTestSupport.KEY, request.getHeaders().get("x-goog-api-key"));
    assertNull(request.getHeaders().get("Authorization"));
    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'Say hello'}]},{'role':'model','parts':[{'text':'Hello!'}]},"
        + "{'role':'user','parts':[{'text':'Again'}]}],"
        + "'systemInstruction':{'parts':[{'text':'Be brief.'},{'text':'Answer in English.'}]},"
        + "'generationConfig':{'temperature':0.5,'topP':0.9,'topK':40,'maxOutputTokens':8,'stopSequences':['\\n\\n'],'seed':7,"
        + "'responseLogprobs':true,'logprobs':2}}"), body(request));
  }

  @Test
  void chosenTokensOnlySendResponseLogprobsWithoutACount() throws Exception {
    server.enqueue(json("generate/hello.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Say hello").topLogprobs(0).build());

    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'Say hello'}]}],'generationConfig':{'responseLogprobs':true}}"),
        body(server.takeRequest()));
    assertTrue(answer.logprobs().stream().allMatch(t -> t.topLogprobs().isEmpty()), "no alternatives asked for: empty lists");
  }

  @Test
  void withoutOptionsNoGenerationConfigIsSentAndNoLogprobsAreReported() throws Exception {
    server.enqueue(json("generate/hello.json"));
    Completion answer = model.chat("Say hello");

    assertEquals(tree("{'contents':[{'role':'user','parts':[{'text':'Say hello'}]}]}"), body(server.takeRequest()));
    assertNull(answer.logprobs(), "not asked for, though the body has them");
  }

  @Test
  void modelNamesMayCarryTheirPrefix() throws Exception {
    server.enqueue(json("generate/hello.json"));
    model.chat(ChatRequest.builder().user("Hi").model("tunedModels/my-tune-42").build());
    assertEquals("/v1beta/tunedModels/my-tune-42:generateContent", server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void topCandidatesZipWithTheChosenTokensByPosition() {
    server.enqueue(json("generate/logprobs-top3.json"));
    Completion answer = model.chat(TOP3);

    assertEquals("The sky is blue.", answer.text());
    List<TokenLogprob> tokens = answer.logprobs();
    assertEquals("The sky is blue.", tokens.stream().map(TokenLogprob::token).collect(Collectors.joining()));
    assertEquals(List.of(651, 7217, 603, 3868, 235265), tokens.stream().map(TokenLogprob::id).toList());
    assertEquals(new TokenLogprob(" sky", null, 7217, -0.2, List.of(
        new TokenCandidate(" sky", null, 7217, -0.2), new TokenCandidate(" color", null, 2881, -1.9), new TokenCandidate(" ocean", null, 13940, -4.4))),
        tokens.get(1));
  }

  @Test
  void aChosenTokenMayRankSecondOrBeMissingFromItsTopList() {
    server.enqueue(json("generate/logprobs-top3.json"));
    List<TokenLogprob> tokens = model.chat(TOP3).logprobs();

    TokenLogprob is = tokens.get(2);
    assertEquals(-1.1, is.logprob());
    assertEquals(List.of(" looks", " is", " appears"), is.topLogprobs().stream().map(TokenCandidate::token).toList());
    TokenLogprob blue = tokens.get(3);
    assertEquals(-2.9, blue.logprob());
    assertEquals(List.of(" usually", " often", " a"), blue.topLogprobs().stream().map(TokenCandidate::token).toList(),
        "the top list as sent: the chosen token is not added");
  }

  @Test
  void theImpossibleAlternativesPlaceholderIsNegativeInfinityAndAnOmittedLogprobIsZero() {
    server.enqueue(json("generate/logprobs-top3.json"));
    TokenLogprob period = model.chat(TOP3).logprobs().get(4);

    assertEquals(0.0, period.logprob(), "proto3 leaves out logProbability 0");
    assertEquals(List.of(new TokenCandidate(".", null, 235265, 0.0), new TokenCandidate("!", null, 235341, Double.NEGATIVE_INFINITY),
        new TokenCandidate(",", null, 235269, Double.NEGATIVE_INFINITY)), period.topLogprobs());
  }

  @Test
  void unknownFieldsAreIgnoredAndUsageAndExtrasAreKept() {
    server.enqueue(json("generate/logprobs-top3.json"));
    Completion answer = model.chat(TOP3);

    assertEquals(FinishReason.of(FinishReason.Kind.STOP, "STOP"), answer.finishReason());
    assertEquals(new Usage(2060, 5, 2103, 2048, 38), answer.usage());
    assertEquals("gemini-2.0-flash-001", answer.model());
    assertEquals("resp-sky-7", answer.metadata().responseId());
    assertEquals("-0.842", answer.metadata().extras().get("avgLogprobs"));
    assertEquals("-4.21", answer.metadata().extras().get("logProbabilitySum"));
  }

  @Test
  void aCharacterSplitAcrossTokensKeepsTheTextWholeAndTheTokensAsSent() {
    server.enqueue(json("generate/utf8.json"));
    Completion answer = model.chat(ChatRequest.builder().user("Greet me").topLogprobs(0).build());

    assertEquals("Olá 🙂", answer.text());
    assertEquals(List.of("Ol", "á", " ", "\ufffd", "\ufffd"), answer.logprobs().stream().map(TokenLogprob::token).toList());
    assertEquals(List.of(246, 247), answer.logprobs().subList(3, 5).stream().map(TokenLogprob::id).toList(), "the ids tell the halves apart");
    assertTrue(answer.logprobs().stream().allMatch(t -> t.bytes() == null), "Gemini sends no bytes");
    assertNull(answer.metadata().responseId());
  }

  @Test
  void thoughtPartsAreNotTheAnswerAndThinkingTokensAreReasoningTokens() {
    server.enqueue(json("generate/max-tokens-thought.json"));
    Completion answer = model.chat("Think, then answer");

    assertEquals("The answer is", answer.text());
    assertEquals(FinishReason.of(FinishReason.Kind.LENGTH, "MAX_TOKENS"), answer.finishReason());
    assertEquals(new Usage(6, 3, 21, null, 12), answer.usage(), "completionTokens is candidatesTokenCount alone");
  }

  @Test
  void aSafetyStopIsAContentFilterWithTheRawValue() {
    server.enqueue(json("generate/safety.json"));
    Completion answer = model.chat("Something dangerous");

    assertEquals("", answer.text());
    assertEquals(FinishReason.of(FinishReason.Kind.CONTENT_FILTER, "SAFETY"), answer.finishReason());
    assertEquals(new Usage(8, null, 8, null, null), answer.usage(), "an omitted count stays unknown");
  }

  @Test
  void aBlockedPromptFinishesWithItsBlockReason() {
    server.enqueue(json("generate/prompt-blocked.json"));
    Completion answer = model.chat("Something prohibited");

    assertEquals("", answer.text());
    assertEquals(FinishReason.of(FinishReason.Kind.CONTENT_FILTER, "PROHIBITED_CONTENT"), answer.finishReason());
    assertEquals("PROHIBITED_CONTENT", answer.metadata().extras().get("promptFeedback.blockReason"));
    assertEquals("The prompt was blocked.", answer.metadata().extras().get("promptFeedback.blockReasonMessage"));
    assertFalse(answer.metadata().extras().containsKey("avgLogprobs"));
  }
}
