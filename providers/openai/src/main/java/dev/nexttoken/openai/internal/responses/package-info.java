/**
 * OpenAI's Responses API ({@code POST /v1/responses}) wire: the request body, the reader of a whole
 * {@code Response} object, and the mapper of its {@code response.*} stream events. Not API: used by
 * {@link dev.nexttoken.openai.OpenAiResponsesModel} only.
 */
package dev.nexttoken.openai.internal.responses;
