package dev.nexttoken.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.OperationCapabilities;
import dev.nexttoken.OperationCapabilities.StructuredOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chat completions and the Responses route read one list of what each model has; they differ only
 * where the routes do: Responses has no {@code n} and no logit bias, and takes the parallel-call
 * switch from the o-series, which chat completions refuses.
 */
class CapabilitiesAcrossRoutesTest {
  private final OpenAiModel chatRoute = OpenAiModel.builder().apiKey("sk-test-key").dialect(OpenAiDialect.OPENAI).build();
  private final OpenAiResponsesModel responsesRoute =
      OpenAiResponsesModel.builder().apiKey("sk-test-key").dialect(OpenAiDialect.OPENAI).build();

  @AfterEach
  void close() {
    chatRoute.close();
    responsesRoute.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // model,                       tools, output,      images, effort, chat parallel switch, chat logit bias
      "gpt-4o,                        true,  JSON_SCHEMA, true,   false,  true,  true",
      "gpt-4.1-mini,                  true,  JSON_SCHEMA, true,   false,  true,  true",
      "ft:gpt-4o-mini-2024-07-18:acme::x, true, JSON_SCHEMA, true, false, true,  true",
      "gpt-4o-2024-05-13,             true,  JSON_OBJECT, true,   false,  true,  true",
      "gpt-4-turbo,                   true,  JSON_OBJECT, true,   false,  true,  true",
      "gpt-4-turbo-preview,           true,  JSON_OBJECT, false,  false,  true,  true",
      "gpt-4-1106-preview,            true,  JSON_OBJECT, false,  false,  true,  true",
      "gpt-4-0613,                    true,  JSON_OBJECT, false,  false,  true,  true",
      "gpt-4,                         true,  JSON_OBJECT, false,  false,  true,  true",
      "gpt-3.5-turbo,                 true,  JSON_OBJECT, false,  false,  true,  true",
      "ft:gpt-3.5-turbo:acme:sfx:abc, true,  JSON_OBJECT, false,  false,  true,  true",
      "ft:gpt-4-0613:acme::abc,       true,  JSON_OBJECT, false,  false,  true,  true",
      "o1-mini,                       false, NONE,        false,  false,  false, false",
      "o1-preview,                    false, NONE,        false,  false,  false, false",
      "o1,                            true,  JSON_SCHEMA, true,   true,   false, false",
      "o3,                            true,  JSON_SCHEMA, true,   true,   false, false",
      "o3-mini,                       true,  JSON_SCHEMA, false,  true,   false, false",
      "o4-mini,                       true,  JSON_SCHEMA, true,   true,   false, false",
      "gpt-5,                         true,  JSON_SCHEMA, true,   true,   true,  false",
      "gpt-5-mini,                    true,  JSON_SCHEMA, true,   true,   true,  false",
      "gpt-5.4,                       true,  JSON_SCHEMA, true,   true,   true,  false",
      "gpt-5-chat-latest,             true,  JSON_SCHEMA, true,   false,  true,  true"})
  void bothRoutesReadOneListOfWhatEachModelHas(String name, boolean tools, StructuredOutput output, boolean images, boolean effort,
      boolean chatParallelSwitch, boolean chatLogitBias) {
    OperationCapabilities chat = chatRoute.capabilities(name).chat();
    OperationCapabilities responses = responsesRoute.capabilities(name).chat();
    for (OperationCapabilities route : new OperationCapabilities[] {chat, responses}) {
      assertEquals(tools, route.tools(), name + " tools");
      assertEquals(output, route.structuredOutput(), name + " structured output");
      assertEquals(output == StructuredOutput.JSON_SCHEMA, route.strictSchema(), name + " strict");
      assertEquals(images, route.imageUrls() && route.imageBytes(), name + " images");
      assertEquals(images, route.images(), name + " images");
      assertEquals(effort, route.reasoningEffort(), name + " reasoning effort");
    }
    assertEquals(chatParallelSwitch, chat.parallelToolCalls(), name + " parallel switch on chat completions");
    assertEquals(tools, responses.parallelToolCalls(), name + " parallel switch on Responses: every model with tools");
    assertEquals(chatLogitBias, chat.logitBias(), name + " logit bias on chat completions");
    assertFalse(responses.logitBias(), "the Responses route has no logit_bias");
    assertEquals(ModelFeatures.MAX_CHOICES, chat.maxChoices(), "n on chat completions");
    assertEquals(1, responses.maxChoices(), "the Responses route has no n");
  }

  @Test
  void theMostEitherRouteOffersDiffersOnlyWhereTheRoutesDo() {
    OperationCapabilities chat = chatRoute.capabilities().chat();
    OperationCapabilities responses = responsesRoute.capabilities().chat();
    assertEquals(chat.tools(), responses.tools());
    assertEquals(chat.parallelToolCalls(), responses.parallelToolCalls());
    assertEquals(chat.strictSchema(), responses.strictSchema());
    assertEquals(chat.images(), responses.images());
    assertEquals(chat.reasoningEffort(), responses.reasoningEffort());
    assertEquals(ModelFeatures.MAX_CHOICES, chat.maxChoices());
    assertEquals(1, responses.maxChoices());
    assertTrue(chat.logitBias());
    assertFalse(responses.logitBias());
  }
}
