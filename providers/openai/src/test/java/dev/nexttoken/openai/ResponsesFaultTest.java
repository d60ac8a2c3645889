package dev.nexttoken.openai;

import dev.nexttoken.LanguageModel;
import dev.nexttoken.contract.FaultContractTest;
import dev.nexttoken.contract.ModelContractTest;
import dev.nexttoken.spi.ModelBuilder;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Core's fault suite on the Responses API, but for one case: a 10 MB {@code data:} line is within
 * this route's default bound ({@link OpenAiResponsesModel#DEFAULT_MAX_EVENT_BYTES}, sized for the
 * last event of a long answer with logprobs), so {@code tenMegabyteDataLineFailsUnderTheDefaultBound}
 * is skipped; {@link ResponsesEventSizeTest} shows a line past the route's bound failing alike.
 */
@ExtendWith(ResponsesFaultTest.SkipCoreDefaultBound.class)
class ResponsesFaultTest extends FaultContractTest {
  @Override
  protected ModelContractTest contract() {
    return new ResponsesContractTest();
  }

  @Override
  protected LanguageModel newModel(String baseUrl, Consumer<ModelBuilder<?>> settings) {
    OpenAiResponsesModel.Builder builder = OpenAiResponsesModel.builder().baseUrl(baseUrl + "v1").model("gpt-4o-mini");
    settings.accept(builder);
    return builder.build();
  }

  /** Skips the case that assumes core's 1 MiB default. */
  static final class SkipCoreDefaultBound implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      boolean coreDefault = context.getTestMethod().map(m -> m.getName().equals("tenMegabyteDataLineFailsUnderTheDefaultBound")).orElse(false);
      return coreDefault
          ? ConditionEvaluationResult.disabled("this route's default bound is 64 MiB; ResponsesEventSizeTest.anEventOverTheRoutesDefaultStillFails")
          : ConditionEvaluationResult.enabled("as in core");
    }
  }
}
