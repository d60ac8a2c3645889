package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code PROVIDER[:MODEL][@BASE_URL]}. */
class TargetSpecTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "llamacpp, llamacpp, -, -",
      "openai:gpt-4o-mini, openai, gpt-4o-mini, -",
      "vllm:qwen@http://gpu-box:8000/v1, vllm, qwen, http://gpu-box:8000/v1",
      "ollama:llama3:8b, ollama, llama3:8b, -",
      "llamacpp@http://127.0.0.1:8080, llamacpp, -, http://127.0.0.1:8080"})
  void readsEachPart(String text, String provider, String model, String baseUrl) {
    assertEquals(new TargetSpec(provider, model, baseUrl), TargetSpec.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"':gpt-4o', names no provider", "'openai:', nothing after ':'", "'vllm@gpu-box:8000', must start with http://"})
  void refusesWhatItCannotRead(String text, String expected) {
    EvalInputException e = assertThrows(EvalInputException.class, () -> TargetSpec.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void theLabelLeavesCredentialsInTheUrlOut() {
    assertEquals("vllm:q@https://gpu:8000/v1", TargetSpec.parse("vllm:q@https://user:secret@gpu:8000/v1").label());
  }
}
