/**
 * OpenAI's legacy {@code /v1/completions} wire and its mapping to the neutral types; not API, may
 * change in any release. Chat completions are the shared {@code dev.nexttoken.wire.openai}, which
 * the llamacpp provider speaks too.
 *
 * <p>Request records are written with core's strict JSON setup (null fields are not sent), so a
 * field is on the wire exactly when the caller set it. Response records are read tolerantly: they
 * name only the fields the adapter uses, and serve both OpenAI and servers that only claim
 * compatibility (llama.cpp puts chat-style {@code logprobs.content} on {@code /v1/completions}).
 */
package dev.nexttoken.openai.internal;
