package dev.nexttoken.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code LlamaServer} or {@code KnownAnswerModel} parameter resolved by {@link LlamaServerExtension} as the
 * one for structured output: {@link dev.nexttoken.testkit.KnownAnswerModel#jsonModel()}, served with
 * {@code --jinja} so that chat requests with tools come back with tool calls.
 *
 * <pre>{@code
 * @Test
 * void toolCall(@JsonModel LlamaServer server, @JsonModel KnownAnswerModel model) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JsonModel {}
