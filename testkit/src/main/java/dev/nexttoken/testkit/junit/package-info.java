/**
 * JUnit 5 support (JUnit is an optional dependency of the testkit).
 *
 * <pre>{@code
 * @ExtendWith(LlamaServerExtension.class)
 * class LogprobTest {
 *   @Test
 *   void reportsKnownLogprobs(LlamaServer server, KnownAnswerModel model) {
 *     // call server.baseUrl(), compare with model.logprob(previous, next)
 *   }
 * }
 * }</pre>
 */
package dev.nexttoken.testkit.junit;
