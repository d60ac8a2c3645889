package dev.nexttoken.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nexttoken.ChatRequest;
import dev.nexttoken.Completion;
import dev.nexttoken.CompletionRequest;
import dev.nexttoken.CompletionStream;
import dev.nexttoken.logprob.TokenLogprob;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a running Ollama server; runs only with {@code OLLAMA_HOST} set ({@code mvn -Plive verify}),
 * never in the default build. The model is {@code OLLAMA_TEST_MODEL} (default {@code llama3.2:1b}),
 * which must already be pulled; the server must be 0.12.11 or later.
 */
class OllamaLiveIT {
  private static OllamaModel model;

  @BeforeAll
  static void connect() {
    assumeTrue(System.getenv("OLLAMA_HOST") != null || System.getProperty("ollama.host") != null, "OLLAMA_HOST is not set");
    String name = System.getenv().getOrDefault("OLLAMA_TEST_MODEL", "llama3.2:1b");
    model = OllamaModel.fromEnv().model(name).build();
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  private static final ChatRequest CHAT = ChatRequest.builder()
      .system("Answer with one word.").user("What is the capital of France?").maxTokens(8).temperature(0.0).seed(7L).topLogprobs(3).build();

  @Test
  void serverIsNewEnoughForLogprobs() {
    String[] v = model.serverVersion().split("[.-]");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    int patch = Integer.parseInt(v[2]);
    assertTrue(major > 0 || minor > 12 || (minor == 12 && patch >= 11), "logprobs need 0.12.11+: " + String.join(".", v));
  }

  @Test
  void chatAndItsStreamAgree() {
    Completion whole = model.chat(CHAT);
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(CHAT)) {
      collected = stream.collect();
    }
    assertSane(whole);
    assertSane(collected);
    assertEquals(whole.text(), collected.text(), "temperature 0 and a seed");
  }

  @Test
  void completionContinuesThePrompt() {
    Completion c = model.complete(CompletionRequest.builder("The capital of France is").maxTokens(4).temperature(0.0).topLogprobs(2).build());
    assertSane(c);
  }

  @Test
  void aSchemaAnswerIsJsonWhoseValuesHaveConfidences() {
    Completion c = model.chat(ChatRequest.builder().user("Give the capital of France as JSON.")
        .jsonSchema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
        .maxTokens(32).temperature(0.0).seed(7L).topLogprobs(2).build());

    assertTrue(c.json() instanceof java.util.Map<?, ?> m && m.get("city") instanceof String, c::text);
    // The answer's logprobs spell its text (reasoning tokens, if any, are split off), so each value has a figure.
    c.fieldConfidences().forEach(f -> assertNotNull(f.logprob(), f::path));
  }

  @Test
  void aToolCallHasItsArgumentsAsJsonText() {
    ChatRequest ask = ChatRequest.builder().user("What is the weather in Oslo? Use the tool.")
        .tool(dev.nexttoken.Tool.of("get_weather", "The weather in a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .temperature(0.0).seed(7L).build();
    Completion whole = model.chat(ask);
    Completion collected;
    try (CompletionStream stream = model.chatStreaming(ask)) {
      collected = stream.collect();
    }

    assertFalse(whole.toolCalls().isEmpty(), () -> "no call but: " + whole.text());
    assertEquals(dev.nexttoken.FinishReason.Kind.TOOL_CALLS, whole.finishReason().kind());
    assertTrue(whole.toolCalls().get(0).parsedArguments() instanceof java.util.Map<?, ?>);
    assertEquals(whole.toolCalls().stream().map(t -> t.name() + t.arguments()).toList(),
        collected.toolCalls().stream().map(t -> t.name() + t.arguments()).toList(), "temperature 0 and a seed");
  }

  private static void assertSane(Completion answer) {
    assertFalse(answer.text().isBlank(), "some text");
    assertNotNull(answer.finishReason());
    assertNotNull(answer.usage().completionTokens());
    assertFalse(answer.logprobs().isEmpty(), "logprobs were requested");
    for (TokenLogprob token : answer.logprobs()) {
      assertTrue(token.logprob() <= 0, () -> "logprob of " + token);
      assertNotNull(token.topLogprobs());
    }
    String fromBytes = answer.logprobs().stream().map(t -> t.bytes() == null ? t.token() : new String(t.bytes(), StandardCharsets.UTF_8))
        .collect(Collectors.joining());
    assertTrue(fromBytes.contains(answer.text()) || answer.text().contains(fromBytes.strip()),
        () -> "the tokens spell the answer (thinking tokens may come first): " + fromBytes + " / " + answer.text());
  }
}
