package dev.nexttoken.ollama;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Core's fault suite on Ollama's {@code /api/chat}. The suite was written for event streams; it runs
 * on NDJSON with two adjustments, and {@link OllamaNdjsonFaultTest} covers what they leave out:
 *
 * <ul>
 *   <li>Its helpers cut a stream after the event that carries the first token, where an event ends
 *       at a blank line; the streamed answer here has a blank line after each object, which an NDJSON
 *       reader skips, so every cut, stall and padding lands where the suite means it to.
 *   <li>The cases in {@link #SSE_ONLY} build SSE text themselves and are skipped: the error event
 *       after some tokens and its redaction ({@code data: {"error":{...}}}; Ollama sends a bare
 *       {@code {"error":"..."}} line), the wrong content type (the message must name
 *       {@code text/event-stream}; ours names {@code application/x-ndjson}), and the streamed fuzzing
 *       (served as {@code text/event-stream}, so every case stops at the content-type check).
 * </ul>
 */
@ExtendWith(OllamaFaultTest.SkipSseOnlyCases.class)
class OllamaFaultTest extends FaultContractTest {
  /** Cases that speak SSE themselves, with the invocation skipped ("" for all of them) and why. */
  static final Map<String, String> SSE_ONLY = Map.of(
      "errorEventAfterSomeTokens", "",
      "errorEventEchoingTheCredentialIsRedacted", "",
      "wrongContentTypeOnAStream", "",
      "fuzzedResponsesRaiseOnlyTypedExceptions", "STREAMING");

  @Override
  protected ModelContractTest contract() {
    return new SpacedStream();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    OllamaModel.Builder builder = OllamaModel.builder().baseUrl(baseUrl).model(OllamaTestSupport.MODEL);
    settings.accept(builder);
    return builder.build();
  }

  /** The chat contract with a blank line after each streamed object. */
  static final class SpacedStream extends OllamaChatContractTest {
    @Override
    protected MockResponse streamedAnswer() {
      return OllamaTestSupport.spacedNdjson("chat/hello.ndjson");
    }
  }

  /** Skips the SSE-only cases, naming the NDJSON test that replaces each. */
  static final class SkipSseOnlyCases implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String method = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse(null);
      String invocation = method == null ? null : SSE_ONLY.get(method);
      if (invocation != null && (invocation.isEmpty() || context.getDisplayName().equals(invocation))) {
        return ConditionEvaluationResult.disabled("SSE-specific; the NDJSON case is in OllamaNdjsonFaultTest");
      }
      return ConditionEvaluationResult.enabled("runs on NDJSON");
    }
  }
}
