/**
 * Cohere's wire format and its mapping to the neutral types: request and response DTOs for
 * {@code /v2/chat} and {@code /v1/detokenize}, stream events, logprob items. Not API: anything here
 * may change in any release.
 */
package dev.nexttoken.cohere.internal;
