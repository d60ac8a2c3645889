/**
 * Gemini's wire format ({@code generateContent}, {@code streamGenerateContent?alt=sse}, shared by
 * the Gemini API and Vertex AI) and its mapping to the neutral types: request and response DTOs,
 * logprobs, finish reasons, usage. Not API: anything here may change in any release.
 */
package dev.nexttoken.gemini.internal;
