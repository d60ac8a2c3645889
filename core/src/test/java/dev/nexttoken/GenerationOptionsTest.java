package dev.nexttoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One merge rule (the request wins per field) and validation that names the field and the value. */
class GenerationOptionsTest {
  private static final GenerationOptions DEFAULTS = GenerationOptions.builder()
      .model("base").maxTokens(100).temperature(0.7).topP(0.9).topK(40).stop("\n").seed(1L).topLogprobs(3).build();

  @Test
  void requestWinsPerFieldAndUnsetFieldsComeFromTheDefaults() {
    GenerationOptions request = GenerationOptions.builder().maxTokens(5).temperature(0.0).logprobs(LogprobsOption.NONE).build();

    GenerationOptions merged = request.withDefaults(DEFAULTS);

    assertEquals(new GenerationOptions("base", 5, 0.0, 0.9, 40, List.of("\n"), 1L, LogprobsOption.NONE), merged);
  }

  @Test
  void fullySetRequestIgnoresTheDefaults() {
    GenerationOptions request = new GenerationOptions("mine", 1, 1.0, 0.5, 2, List.of("x"), 9L, LogprobsOption.chosenToken());

    assertEquals(request, request.withDefaults(DEFAULTS));
  }

  @Test
  void noDefaultsLeaveTheRequestAsItIs() {
    GenerationOptions request = GenerationOptions.builder().maxTokens(5).build();

    assertSame(request, request.withDefaults(GenerationOptions.EMPTY));
    assertSame(request, request.withDefaults(null));
    assertEquals(DEFAULTS, GenerationOptions.EMPTY.withDefaults(DEFAULTS));
  }

  @Test
  void requestsMergeByTheSameRule() {
    CompletionRequest completion = CompletionRequest.builder("p").maxTokens(5).echoPrompt(true).build().withDefaults(DEFAULTS);
    ChatRequest chat = ChatRequest.builder().user("hi").maxTokens(5).build().withDefaults(DEFAULTS);

    assertEquals(GenerationOptions.builder().maxTokens(5).build().withDefaults(DEFAULTS), completion.options());
    assertEquals(completion.options(), chat.options());
    assertEquals(true, completion.echoPrompt());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      maxTokens 0          | maxTokens must be positive, was 0
      maxTokens -3         | maxTokens must be positive, was -3
      temperature -0.1     | temperature must be >= 0, was -0.1
      temperature NaN      | temperature must be >= 0, was NaN
      topP 0               | topP must be in (0, 1], was 0.0
      topP 1.5             | topP must be in (0, 1], was 1.5
      topK -1              | topK must be >= 0, was -1
      model blank          | model must not be blank
      stop empty           | stop sequences must be non-empty strings, was [a, ]
      topLogprobs -2       | topLogprobs must be >= 0, was -2
      """)
  void invalidValuesAreRejectedNamingFieldAndValue(String setting, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(setting));

    assertEquals(message, e.getMessage());
  }

  private static GenerationOptions build(String setting) {
    String[] parts = setting.split(" ");
    GenerationOptions.Builder b = GenerationOptions.builder();
    switch (parts[0]) {
      case "maxTokens" -> b.maxTokens(Integer.parseInt(parts[1]));
      case "temperature" -> b.temperature(Double.parseDouble(parts[1]));
      case "topP" -> b.topP(Double.parseDouble(parts[1]));
      case "topK" -> b.topK(Integer.parseInt(parts[1]));
      case "model" -> b.model("  ");
      case "stop" -> b.stop("a", "");
      case "topLogprobs" -> b.topLogprobs(Integer.parseInt(parts[1]));
      default -> throw new IllegalArgumentException(setting);
    }
    return b.build();
  }

  @Test
  void stopListIsCopied() {
    List<String> stop = new ArrayList<>(List.of("a"));
    GenerationOptions options = GenerationOptions.builder().stop(stop).build();
    stop.add("b");

    assertEquals(List.of("a"), options.stop());
  }

  @Test
  void topLogprobsNeedsLogprobsEnabled() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogprobsOption(false, 2));

    assertEquals("topLogprobs needs logprobs enabled, was 2", e.getMessage());
    assertEquals(LogprobsOption.NONE, GenerationOptions.EMPTY.logprobsOrNone());
  }
}
