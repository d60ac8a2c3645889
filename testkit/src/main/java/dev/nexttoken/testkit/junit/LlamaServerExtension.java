package dev.nexttoken.testkit.junit;

import dev.nexttoken.testkit.KnownAnswerModel;
import dev.nexttoken.testkit.LlamaServer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a running {@link LlamaServer} serving {@link KnownAnswerModel#defaultModel()}, and
 * that model, into test constructors and methods.
 *
 * <pre>{@code
 * @ExtendWith(LlamaServerExtension.class)
 * class CompletionTest {
 *   @Test
 *   void firstToken(LlamaServer server, KnownAnswerModel model) { ... server.baseUrl() ... }
 * }
 * }</pre>
 *
 * <p>A parameter annotated {@link JsonModel} gets {@link KnownAnswerModel#jsonModel()} and a server of it instead.
 *
 * <p>One server per model is shared by every test class of a run and stopped when the run ends. With the system property
 * {@code skipLlamaTests=true} the tests of classes using this extension are skipped. Otherwise a server that cannot
 * be found, installed or started fails each test that asks for it, with the reason: never a silent skip.
 */
public final class LlamaServerExtension implements ParameterResolver, ExecutionCondition {
  /** System property that skips tests needing the server. */
  public static final String SKIP_PROPERTY = "skipLlamaTests";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LlamaServerExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Boolean.getBoolean(SKIP_PROPERTY)
        ? ConditionEvaluationResult.disabled(SKIP_PROPERTY + "=true: tests against a real llama-server are skipped")
        : ConditionEvaluationResult.enabled("llama-server tests enabled");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LlamaServer.class || type == KnownAnswerModel.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    boolean json = parameter.isAnnotated(JsonModel.class);
    KnownAnswerModel model = json ? KnownAnswerModel.jsonModel() : KnownAnswerModel.defaultModel();
    if (parameter.getParameter().getType() == KnownAnswerModel.class) {
      return model;
    }
    // The root store lives for the whole run and closes AutoCloseable values at its end.
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(json ? "json-model-server" : "default-model-server", k -> new SharedServer(() -> {
          LlamaServer.Builder builder = LlamaServer.builder(model.cachedFile());
          return (json ? builder.jinja() : builder).start();
        }), SharedServer.class)
        .get();
  }
}
